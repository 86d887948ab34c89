package cafe.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;

/** The stack's data folders, which a run that was killed (or a machine that restarted) may leave behind. */
final class Folders {

    private Folders() {}

    /** Deletes a folder and what it holds; a link is removed, never followed (Keycloak's home links into its distribution). */
    static void delete(Path dir) throws IOException {
        if (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            try (var paths = Files.walk(dir)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(path);
                }
            }
        }
    }
}

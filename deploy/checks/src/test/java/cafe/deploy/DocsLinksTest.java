package cafe.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The project's Markdown keeps its promises to a reader: every relative link leads to a file or folder of
 * the repository, and the README stays a front page.
 */
class DocsLinksTest {

    /** An inline link or image, [text](target) or ![alt](target), with an optional "title". */
    private static final Pattern LINK =
            Pattern.compile("!?\\[[^\\]]*\\]\\(\\s*<?([^)\\s>]+)>?(?:\\s+\"[^\"]*\")?\\s*\\)");

    private static final Set<String> NOT_OURS = Set.of("target", "node_modules", ".git", ".stack");

    @Test
    void everyRelativeLinkInTheMarkdownResolves() throws IOException {
        List<String> broken = new ArrayList<>();
        for (Path document : markdown()) {
            String text = withoutCode(Files.readString(document));
            Matcher link = LINK.matcher(text);
            while (link.find()) {
                String target = link.group(1);
                if (target.matches("^[a-zA-Z][a-zA-Z0-9+.-]*:.*")) {
                    continue; // a URL: https:, mailto:
                }
                String file = target.replaceFirst("#.*$", "");
                String heading = target.contains("#") ? target.substring(target.indexOf('#') + 1) : null;
                Path resolved = file.isEmpty()
                        ? document
                        : document.getParent().resolve(file).normalize();
                boolean found = resolved.startsWith(Manifests.ROOT)
                        && Files.exists(resolved)
                        && (heading == null || anchors(resolved).contains(heading));
                if (!found) {
                    broken.add(Manifests.ROOT.relativize(document) + ": " + target);
                }
            }
        }
        assertEquals(List.of(), broken, "relative links that lead nowhere");
    }

    @Test
    void theReadmeIsAFrontPage() throws IOException {
        long size = Files.size(Manifests.ROOT.resolve("README.md"));
        assertTrue(size <= 12 * 1024, "README.md is " + size + " bytes; the rest belongs in docs/");
    }

    private static List<Path> markdown() throws IOException {
        Path root = Manifests.ROOT;
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(path -> path.toString().endsWith(".md"))
                    .filter(path -> {
                        for (Path part : root.relativize(path)) {
                            if (NOT_OURS.contains(part.toString())) {
                                return false;
                            }
                        }
                        return true;
                    })
                    .toList();
        }
    }

    /** The anchors GitHub gives a Markdown file's headings: lower case, punctuation dropped, spaces as dashes. */
    private static Set<String> anchors(Path document) throws IOException {
        if (!document.toString().endsWith(".md")) {
            return Set.of();
        }
        return withoutCode(Files.readString(document))
                .lines()
                .filter(line -> line.matches("^#{1,6} .*"))
                .map(line -> line.replaceFirst("^#+ ", "")
                        .strip()
                        .toLowerCase(java.util.Locale.ROOT)
                        .replaceAll("[^\\p{L}\\p{N} _-]", "")
                        .replace(' ', '-'))
                .collect(java.util.stream.Collectors.toSet());
    }

    /** The text without fenced code blocks and inline code, where brackets are not links. */
    private static String withoutCode(String markdown) {
        return markdown.replaceAll("(?s)```.*?```", "").replaceAll("`[^`\n]*`", "");
    }
}

package cafe.order;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An item of the menu, priced in minor units (cents) of its currency. */
@Entity
@Table(name = "menu_item")
public class MenuItem {

    @Id
    public int id;

    public String name;
    public long price;
    public String currency;
}

package com.ticketwarehouse.simulator;

/** Fixed word lists the simulated data is drawn from. */
final class Names {
    private Names() {
    }

    static final String[] FEE_KEYS = {
        "Ticketing Fee", "Surcharge", "LET Tax", "Sales Tax", "Venue Fee", "Admin Fee (not a gratuity)", "Gratuity"
    };
    static final int TICKETING_FEE = 0;
    static final int SURCHARGE = 1;
    static final int LET_TAX = 2;
    static final int SALES_TAX = 3;
    static final int VENUE_FEE = 4;
    static final int ADMIN_FEE = 5;
    static final int GRATUITY = 6;

    /** "Admin Fee (not a gratuity)" -> "admin_fee_not_a_gratuity". */
    static String snake(String displayName) {
        return displayName.toLowerCase(java.util.Locale.ROOT).replace("(", "").replace(")", "").trim()
                .replaceAll("\\s+", "_");
    }

    /** title, hall, street address, city, state, zip, time zone. */
    static final String[][] VENUES = {
        {"Blue Door Comedy Club", "Main Room", "1420 N Wells St", "Chicago", "IL", "60610", "America/Chicago"},
        {"Harbor Lights Theater", "Orchestra Hall", "88 Atlantic Ave", "Boston", "MA", "02110", "America/New_York"},
        {"Red Rock Music Hall", "Main Stage", "2100 Larimer St", "Denver", "CO", "80205", "America/Denver"},
        {"Sunset Supper Club", "Dining Room", "8901 W Sunset Blvd", "Los Angeles", "CA", "90069",
            "America/Los_Angeles"},
        {"Desert Moon Lounge", "The Lounge", "411 E Roosevelt St", "Phoenix", "AZ", "85004", "America/Phoenix"},
        {"Magnolia Jazz House", "Courtyard Stage", "626 Frenchmen St", "New Orleans", "LA", "70116",
            "America/Chicago"},
        {"Empire Cabaret", "Cabaret Room", "245 W 52nd St", "New York", "NY", "10019", "America/New_York"},
        {"Riverside Playhouse", "Black Box", "1701 E Cesar Chavez St", "Austin", "TX", "78702", "America/Chicago"},
        {"Northern Lights Ballroom", "Grand Ballroom", "310 1st Ave N", "Minneapolis", "MN", "55401",
            "America/Chicago"},
        {"Cascade Comedy Theater", "Showroom", "1511 Pike Pl", "Seattle", "WA", "98101", "America/Los_Angeles"},
    };

    static final String[] PERFORMERS = {
        "Maria Bamford", "The Midnight Ramblers", "Dave Ortega", "Sasha Kline", "The Velvet Echoes", "Jonah Reyes",
        "Lena Park Trio", "Big Sky Brass Band", "Nina Castillo", "The Improv Collective", "Marcus Hale",
        "Ruby & The Rivets", "Tom Brandt", "Aisha Monroe", "The Late Show Players", "Felix Moreau Quartet",
        "Gina Salazar", "Hot Tamale Swing", "Owen Whitaker", "Priya Desai", "The Crooked Pines", "Sam Okafor",
        "Cleo Vance", "Delta Night Orchestra", "Eddie Kwan", "Harper & Vale", "Iris Bloom", "Jake Morrow",
        "Kit Larsen", "Luis Ferreira Band",
    };

    static final String[] SHOW_SUFFIX = {
        "Live", "- One Night Only", "- Early Show", "- Late Show", "in Concert", "- Album Release Party",
        "- Holiday Special", "- Stand-Up Night", "- Dinner & Show", "- Summer Tour",
    };

    static final String[] TICKET_TYPES = {
        "General Admission", "VIP", "Reserved Seating", "Balcony", "Early Bird", "Table for Two",
        "Premium Booth", "Standing Room", "Student",
    };

    static final String[] FIRST = {
        "James", "Mary", "Robert", "Patricia", "John", "Jennifer", "Michael", "Linda", "David", "Elizabeth",
        "William", "Barbara", "Richard", "Susan", "Joseph", "Jessica", "Thomas", "Sarah", "Carlos", "Karen",
        "Daniel", "Lisa", "Matthew", "Nancy", "Anthony", "Betty", "Mark", "Sandra", "Steven", "Ashley", "Andrew",
        "Kimberly", "Joshua", "Emily", "Kevin", "Donna", "Brian", "Michelle", "Wei", "Carol", "Aaliyah", "Diego",
        "Fatima", "Hiroshi", "Ingrid", "Kofi", "Léa", "Mateo", "Nadia", "Olga", "Rahul", "Siobhan", "Zoë",
    };

    static final String[] LAST = {
        "Smith", "Johnson", "Williams", "Brown", "Jones", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez",
        "Hernandez", "Lopez", "Gonzalez", "Wilson", "Anderson", "Thomas", "Taylor", "Moore", "Jackson", "Martin",
        "Lee", "Perez", "Thompson", "White", "Harris", "Sanchez", "Clark", "Ramirez", "Lewis", "Robinson", "Walker",
        "Young", "Allen", "King", "Wright", "Scott", "Torres", "Nguyen", "Hill", "Flores", "O'Brien", "Müller",
        "Kowalski", "Nakamura", "Okonkwo", "Van der Berg", "Chen", "Patel", "Cohen", "Ivanova",
    };

    static final String[] EMAIL_DOMAINS = {
        "gmail.com", "yahoo.com", "outlook.com", "icloud.com", "hotmail.com", "aol.com", "proton.me", "comcast.net",
    };

    /** promo code, percent off. */
    static final String[] PROMO_CODES = {"EARLYBIRD", "FRIENDS10", "RADIO20", "STAFF50", "GROUP15", "SUMMER25"};
    static final int[] PROMO_PERCENT = {15, 10, 20, 50, 15, 25};
}

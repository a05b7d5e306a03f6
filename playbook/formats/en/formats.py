# March 2, 2026, as the app always wrote it (Django's own en format writes "Feb. 4, 2026").
DATE_FORMAT = "F j, Y"
# Feb 4, 2026: in tables.
SHORT_DATE_FORMAT = "M j, Y"

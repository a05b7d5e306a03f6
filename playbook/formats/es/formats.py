# 2 de marzo de 2026
DATE_FORMAT = r"j \d\e F \d\e Y"
# 4 feb 2026: in tables.
SHORT_DATE_FORMAT = "j b Y"

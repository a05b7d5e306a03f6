"""The app's own date formats (issue 19): templates write `|date:"DATE_FORMAT"` and
`|date:"SHORT_DATE_FORMAT"`, and each language says how."""

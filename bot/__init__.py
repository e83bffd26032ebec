"""deskbot: first-line chat support for a PACS service desk."""

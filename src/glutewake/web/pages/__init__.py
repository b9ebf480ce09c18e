"""The HTML pages, one router per page or flow."""

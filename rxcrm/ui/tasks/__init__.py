"""Tasks pages: the Tasks page, the new/edit task dialog, the account's tasks tab and 'New task' buttons."""

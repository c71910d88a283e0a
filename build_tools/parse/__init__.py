"""Stage 1: files to records. Each parser reads one kind of file and reports problems with their lines."""

"""Documents made from a design: the agenda as PDF (Typst) and DOCX (python-docx)."""

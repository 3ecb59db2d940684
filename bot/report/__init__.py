"""The one-page report for a doctor: data gathered in SQL, small charts, a PDF (no Discord)."""

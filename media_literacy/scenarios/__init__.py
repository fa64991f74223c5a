"""Scénarios pédagogiques: the bank, teachers' submissions and adaptations, ratings and
retours d'expérience, attachments, the PDF."""

"""The competence atlas (issue 27): the profiles as a printed, tagged PDF per language."""

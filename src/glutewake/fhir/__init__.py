"""FHIR R4 for clinics: one person's records as one Bundle of plain JSON resources.

``records`` holds the input (domain values, no store rows), ``bundle.build`` maps them to
resources and ``bundle.render`` validates the Bundle with fhir.resources' R4B models before
it becomes bytes. docs/fhir.md lists the resources, profiles and codes, each with its source.
"""

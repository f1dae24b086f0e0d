"""Dates in one form on every page (#17): "22 Oct 2020", "22 Oct 2020, 14:05"; ISO in data and in date fields.

Django's own en-GB formats would mix "22 Oct 2020", "22/10/2020" and "2:05 p.m."; the pages and
the admin take these instead (`FORMAT_MODULE_PATH`), and templates write `|date` without a format.
"""

DATE_FORMAT = "j M Y"
DATETIME_FORMAT = "j M Y, H:i"
TIME_FORMAT = "H:i"
MONTH_DAY_FORMAT = "j M"
YEAR_MONTH_FORMAT = "M Y"
SHORT_DATE_FORMAT = "Y-m-d"
SHORT_DATETIME_FORMAT = "Y-m-d H:i"
# What a date field shows is ISO; it reads ISO or an unambiguous written form ("5 March 2024").
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d %b %Y", "%d %B %Y"]  # never 22/10/2020: is it October or February?
DATETIME_INPUT_FORMATS = ["%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d"]
FIRST_DAY_OF_WEEK = 1
DECIMAL_SEPARATOR = "."
THOUSAND_SEPARATOR = ","
NUMBER_GROUPING = 3

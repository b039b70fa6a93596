# Parses an iCalendar file with the independent python icalendar library and prints its events as
# JSON, for reports/ics_test.go. Usage: python3 parse_ics.py FILE
import json
import sys

import icalendar

with open(sys.argv[1], "rb") as f:
    cal = icalendar.Calendar.from_ical(f.read())

out = {"calname": str(cal.get("X-WR-CALNAME")), "timezones": [], "events": []}
for comp in cal.walk():
    if comp.name == "VTIMEZONE":
        out["timezones"].append(str(comp.get("TZID")))
    if comp.name == "VEVENT":
        start = comp.decoded("DTSTART")
        end = comp.decoded("DTEND")
        out["events"].append({
            "uid": str(comp.get("UID")),
            "status": str(comp.get("STATUS")),
            "sequence": int(comp.get("SEQUENCE")),
            "summary": str(comp.get("SUMMARY")),
            "location": str(comp.get("LOCATION")),
            "description": str(comp.get("DESCRIPTION")),
            "start": start.isoformat(),
            "end": end.isoformat(),
            "tzid": str(comp["DTSTART"].params.get("TZID")),
            "utcoffset": start.utcoffset().total_seconds() / 3600,
            "seconds": (end - start).total_seconds(),
            "stamp": comp.decoded("DTSTAMP").isoformat(),
        })
json.dump(out, sys.stdout, ensure_ascii=False)

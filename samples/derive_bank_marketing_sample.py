"""Derives samples/bank-marketing.csv from UCI's bank-full.csv (CC BY 4.0; see samples/README.md).

Usage: python3 samples/derive_bank_marketing_sample.py ../shared/datasets/bank-full.csv samples/bank-marketing.csv
Standard library only; deterministic (fixed seed).
"""
import csv
import datetime
import random
import sys

SEED = 20240501
SAMPLE_ROWS = 4000
MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def main(source, target):
    with open(source, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f, delimiter=";"))
    header, data = rows[0], rows[1:]
    month_at, day_at, duration_at = header.index("month"), header.index("day"), header.index("duration")

    # The file is ordered by date from May 2008 to November 2010 and carries no year: the year
    # starts at 2008 and goes up by one each time the month goes back (dec -> jan).
    years, year, previous = [], 2008, None
    for row in data:
        month = MONTHS.index(row[month_at])
        if previous is not None and month < previous:
            year += 1
        years.append(year)
        previous = month

    chosen = sorted(random.Random(SEED).sample(range(len(data)), SAMPLE_ROWS))

    out_header = ["customer_id", "email"] + ["duration_min" if h == "duration" else h for h in header] + ["contact_date"]
    with open(target, "w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(out_header)
        for i in chosen:
            row = list(data[i])
            number = i + 1  # 1-based data row in bank-full.csv
            date = datetime.date(years[i], MONTHS.index(row[month_at]) + 1, int(row[day_at]))
            # Seconds -> minutes with 3 decimals (round(minutes * 60) gives the seconds back).
            row[duration_at] = f"{int(row[duration_at]) / 60:.3f}"
            writer.writerow([f"C{number:06d}", f"customer-{number:06d}@example.com"] + row + [date.isoformat()])


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])

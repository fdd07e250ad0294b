import { describe, expect, it } from "vitest";
import { csvFilename, toCsv, type CsvColumn } from "./reports-csv";

type Row = { name: string; cents: number | null };
const columns: CsvColumn<Row>[] = [
  { header: "name", value: (r) => r.name },
  { header: "cents", value: (r) => r.cents },
];

describe("toCsv", () => {
  it("writes a header row and one line per row, each ended by CRLF", () => {
    expect(
      toCsv(
        [
          { name: "Set A", cents: 1200 },
          { name: "Set B", cents: null },
        ],
        columns,
      ),
    ).toBe("name,cents\r\nSet A,1200\r\nSet B,\r\n");
  });

  it("quotes fields with commas, quotes and line breaks, doubling the quotes (RFC 4180)", () => {
    const csv = toCsv(
      [
        { name: 'Set "A", east', cents: 1 },
        { name: "two\nlines", cents: 2 },
        { name: "cr\rhere", cents: 3 },
      ],
      columns,
    );
    expect(csv).toBe('name,cents\r\n"Set ""A"", east",1\r\n"two\nlines",2\r\n"cr\rhere",3\r\n');
  });

  it.each(['=HYPERLINK("http://evil.example")', "+1+2", "-2+3", "@SUM(A1)", "\tTAB", "\rCR"])(
    "neutralises a text cell that a spreadsheet would run as a formula: %j",
    (name) => {
      const line = toCsv([{ name, cents: 0 }], columns).split("\r\n")[1];
      expect(line.replace(/^"/, "").startsWith(`'${name[0]}`)).toBe(true);
    },
  );

  it("keeps a quoted formula neutralised and quoted", () => {
    expect(toCsv([{ name: "=1,2", cents: 0 }], columns)).toBe('name,cents\r\n"\'=1,2",0\r\n');
  });

  it("writes negative amounts (credits) as numbers, not as neutralised text", () => {
    expect(toCsv([{ name: "Credit", cents: -2500 }], columns)).toBe("name,cents\r\nCredit,-2500\r\n");
  });

  it("leaves ordinary text alone, including a hyphen inside it", () => {
    expect(toCsv([{ name: "Set-A — Studio", cents: 5 }], columns)).toBe("name,cents\r\nSet-A — Studio,5\r\n");
  });

  it("gives only the header for no rows", () => {
    expect(toCsv([], columns)).toBe("name,cents\r\n");
  });
});

describe("csvFilename", () => {
  it("names the report and the range", () => {
    expect(csvFilename("revenue", { from: "2026-01", to: "2026-11" })).toBe("revenue-2026-01-2026-11.csv");
  });
});

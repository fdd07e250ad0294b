/**
 * The opening-hours editor as one form field (a reader for lib/actions/read-form.ts): per weekday d, the lists
 * `opens-d` and `closes-d` (one entry per range). A range left completely empty is dropped (an added row that was
 * never filled in); a half-filled one goes on to be refused by the studio schema.
 */
export function openingHoursField(form: FormData) {
  const hours: { weekday: number; opens: string; closes: string }[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    const opens = form.getAll(`opens-${weekday}`).map(String);
    const closes = form.getAll(`closes-${weekday}`).map(String);
    for (let i = 0; i < Math.max(opens.length, closes.length) && i < 20; i++) {
      const range = { weekday, opens: (opens[i] ?? "").slice(0, 8), closes: (closes[i] ?? "").slice(0, 8) };
      if (range.opens !== "" || range.closes !== "") hours.push(range);
    }
  }
  return hours;
}

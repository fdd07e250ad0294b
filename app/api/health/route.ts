import { checkDatabase } from "@/lib/health";

export const dynamic = "force-dynamic";

/** For load balancers and uptime checks: 200 when the database answers, 503 otherwise. */
export async function GET() {
  const db = await checkDatabase();
  return Response.json(
    { status: db.ok ? "ok" : "degraded", checks: { database: db.ok ? "ok" : "unreachable" }, latencyMs: db.latencyMs },
    { status: db.ok ? 200 : 503, headers: { "cache-control": "no-store" } },
  );
}

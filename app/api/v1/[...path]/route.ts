import { problem } from "@/lib/api/problem";

/** Unknown /api/v1 paths answer a 404 problem, never an HTML page. */
const notFound = () => problem(404, { code: "not_found", detail: "There is no such API endpoint." });
export const GET = notFound;
export const POST = notFound;
export const PUT = notFound;
export const PATCH = notFound;
export const DELETE = notFound;

import Link from "next/link";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import QRCode from "qrcode";
import { requireMember } from "@/lib/auth/require-member";
import { getDb } from "@/lib/db";
import { findShipment } from "@/lib/samples/queries";
import { PrintButton } from "@/components/print-button";

export const metadata: Metadata = { title: "Shipment label" };

/**
 * The label for the box: the code big enough to read across the desk and as a QR the receiving desk scans, the
 * address, who it is for and what is in it. The workspace shell (its aside is `no-print`) and this page's own
 * controls (`print:hidden`) stay off the paper.
 */
export default async function ShipmentLabelPage({
  params,
}: {
  params: Promise<{ workspace: string; shipmentId: string }>;
}) {
  const { workspace, shipmentId } = await params;
  const member = await requireMember({ workspace, permission: "shipments.view" });
  const found = await findShipment(getDb(), member, shipmentId);
  if (!found) notFound();
  const { shipment: s, studio, brandName, creatorName, creatorEmail, items } = found;
  const qr = await QRCode.toString(s.code, { type: "svg", margin: 1, width: 200, errorCorrectionLevel: "M" });
  const units = items.reduce((n, i) => n + i.quantityExpected, 0);
  const slug = member.workspaceSlug;

  return (
    <div className="grid max-w-2xl gap-6 print:max-w-none">
      <header className="grid gap-3 print:hidden">
        <p className="text-sm text-muted-foreground">
          <Link className="underline underline-offset-4" href={`/w/${slug}/shipments`}>
            Shipments
          </Link>{" "}
          /{" "}
          <Link className="underline underline-offset-4" href={`/w/${slug}/shipments/${s.id}`}>
            {s.code}
          </Link>{" "}
          / Label
        </p>
        <h1 className="text-2xl font-semibold">Label for {s.code}</h1>
        <p className="text-muted-foreground">
          Print it and stick it on the outside of the box, where the desk can scan it.
        </p>
        <div>
          <PrintButton />
        </div>
      </header>

      {/* Black on white whatever the theme: it is meant for paper and for a scanner. */}
      <article
        aria-label={`Shipping label of ${s.code}`}
        className="grid gap-5 rounded-lg border-2 border-black bg-white p-6 text-black print:rounded-none print:border-4"
      >
        <div className="flex flex-wrap items-center justify-between gap-6">
          <div className="grid gap-1">
            <p className="text-sm font-semibold uppercase tracking-wide">Samples shipment</p>
            <p className="font-mono text-5xl font-bold tracking-widest" data-testid="label-code">
              {s.code}
            </p>
          </div>
          <div
            className="size-[200px] shrink-0"
            role="img"
            aria-label={`QR code of shipment code ${s.code}`}
            dangerouslySetInnerHTML={{ __html: qr }}
          />
        </div>
        <div className="grid gap-1 border-t-2 border-black pt-4">
          <p className="text-sm font-semibold uppercase tracking-wide">Deliver to</p>
          <p className="text-xl font-semibold">{studio.name}</p>
          {studio.address ? <p className="whitespace-pre-line text-lg">{studio.address}</p> : null}
          <p className="text-lg">Attn: {creatorName ?? creatorEmail ?? "Samples desk"}</p>
        </div>
        <dl className="grid grid-cols-[max-content_1fr] gap-x-4 gap-y-1 border-t-2 border-black pt-4 text-lg">
          <dt className="font-semibold">From</dt>
          <dd>{brandName ?? "Unknown sender"}</dd>
          <dt className="font-semibold">Contents</dt>
          <dd>
            {items.length} SKU{items.length === 1 ? "" : "s"}, {units} item{units === 1 ? "" : "s"}
          </dd>
        </dl>
      </article>
    </div>
  );
}

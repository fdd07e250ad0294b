import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@/components/ui/table";
import { CountForm, MoveForm, ReturnForm, StageForm, type Choice } from "./stock-forms";

export type StockTableRow = {
  id: string;
  sku: string;
  name: string;
  onHand: number;
  damaged: number;
  owner: string;
  place: string;
  placeId: string | null;
  onSet: boolean;
  shipmentId: string | null;
  shipmentCode: string | null;
};

/**
 * Stock rows: one per item, place and owner. With `work` (staff of the studio) each row gets the moves that make
 * sense where it is: from a shelf it can be moved, counted or staged; from a set, returned to a shelf or counted.
 */
export function StockTable({
  workspace,
  rows,
  caption,
  work,
}: {
  workspace: string;
  rows: StockTableRow[];
  caption: string;
  work?: { places: Choice[]; sessions: Choice[] };
}) {
  return (
    <Table scrollLabel={caption} keyColumn>
      <caption className="sr-only">{caption}</caption>
      <TableHeader>
        <TableRow>
          <TableHead>SKU</TableHead>
          <TableHead>Name</TableHead>
          <TableHead>Owner</TableHead>
          <TableHead>Place</TableHead>
          <TableHead className="text-right">On hand</TableHead>
          <TableHead className="text-right">Damaged</TableHead>
          <TableHead>Shipment</TableHead>
          {work ? <TableHead>Actions</TableHead> : null}
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((r) => {
          const item = { id: r.id, sku: r.sku, name: r.name, onHand: r.onHand };
          return (
            <TableRow key={r.id} className="align-top">
              <TableCell className="font-mono">{r.sku}</TableCell>
              <TableCell>{r.name}</TableCell>
              <TableCell>{r.owner}</TableCell>
              <TableCell>
                {r.place}
                {r.onSet ? (
                  <Badge variant="success" className="ml-2">
                    On set
                  </Badge>
                ) : null}
              </TableCell>
              <TableCell className="text-right tabular-nums">{r.onHand}</TableCell>
              <TableCell className="text-right tabular-nums">{r.damaged}</TableCell>
              <TableCell>
                {r.shipmentId && r.shipmentCode ? (
                  <Link
                    className="font-mono underline underline-offset-4"
                    href={`/w/${workspace}/shipments/${r.shipmentId}`}
                  >
                    {r.shipmentCode}
                  </Link>
                ) : (
                  "—"
                )}
              </TableCell>
              {work ? (
                <TableCell>
                  <div className="grid min-w-56 gap-2">
                    {r.onSet ? (
                      <ReturnForm workspace={workspace} item={item} places={work.places} />
                    ) : (
                      <>
                        <MoveForm
                          workspace={workspace}
                          item={item}
                          places={work.places.filter((p) => p.id !== r.placeId)}
                        />
                        <StageForm workspace={workspace} item={item} sessions={work.sessions} />
                      </>
                    )}
                    <CountForm workspace={workspace} item={item} />
                  </div>
                </TableCell>
              ) : null}
            </TableRow>
          );
        })}
      </TableBody>
    </Table>
  );
}

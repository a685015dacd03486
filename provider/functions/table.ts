/** A gallery's status as text: one table per definition, versions as rows, regions as columns. */
import { regionKey } from "../schema/values";
import type { DefinitionStatus, GalleryStatus, VersionStatus } from "./types";

const LATEST = "*";
const EXCLUDED = "x";

/** Columns padded to their widest cell, two spaces apart. */
function columns(rows: string[][]): string[] {
    const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
    return rows.map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd());
}

/** A region's cell: its replication (with progress while it runs), then the markers. */
function cell(v: VersionStatus, region: string, latest: string | undefined): string {
    // Versions may spell one region two ways ("East US", "eastus").
    const r = v.regions.find((x) => regionKey(x.name) === regionKey(region));
    if (!r) return "-";
    const state = r.replicationState ?? "Unknown";
    const progress = state === "Replicating" && r.progress !== undefined ? ` ${r.progress}%` : "";
    return [state + progress, r.excludeFromLatest ? EXCLUDED : "", latest === v.name ? LATEST : ""].filter(Boolean).join(" ");
}

function definitionTable(d: DefinitionStatus): string[] {
    const title = `${d.kind === "image" ? "Image definition" : "VM application"} ${d.name}: ${d.versions.length} version${d.versions.length === 1 ? "" : "s"}`;
    if (d.versions.length === 0) return [title];
    const latestIn = new Map(d.latest.map((l) => [l.region, l.version]));
    const header = ["version", "provisioning", "end of life", "excluded", ...d.regions];
    const rows = d.versions.map((v) => [
        v.name,
        v.provisioningState ?? "",
        v.endOfLifeDate ? `${v.endOfLifeDate.slice(0, 10)}${v.endOfLifePassed ? " (past)" : ""}` : "",
        v.excludeFromLatest ? "yes" : "",
        ...d.regions.map((region) => cell(v, region, latestIn.get(region))),
    ]);
    const none = d.latest.filter((l) => l.version === undefined).map((l) => `  latest in ${l.region}: none (${l.reason})`);
    return [title, ...columns([header, ...rows]).map((line) => `  ${line}`), ...none];
}

export function statusTable(status: GalleryStatus): string {
    const lines = [`Gallery ${status.galleryName} (resource group ${status.resourceGroupName}, subscription ${status.subscriptionId})`, ""];
    if (status.definitions.length === 0) lines.push("No image definitions or VM applications.");
    for (const d of status.definitions) lines.push(...definitionTable(d), "");
    lines.push(`${LATEST} the version latest resolves to in the region   ${EXCLUDED} excluded from latest in the region (its own flag, else the version's)`);
    return lines.join("\n");
}

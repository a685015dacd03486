/**
 * Which version `latest` is: the rules, over versions as the SDK reads them (GalleryImageVersion,
 * GalleryApplicationVersion). Nothing here calls Azure; reading.ts lists the versions and reads each
 * one's replication.
 */
import * as semver from "semver";
import { regionKey } from "../schema/values";
import type { LatestVersion, VersionRegion } from "./types";

/** The members of the SDK's image and application versions that the rules read (both kinds have them). */
export interface PublishedVersion {
    id?: string;
    name?: string;
    provisioningState?: string;
    publishingProfile?: {
        targetRegions?: { name: string; excludeFromLatest?: boolean }[];
        excludeFromLatest?: boolean;
        publishedDate?: Date;
        endOfLifeDate?: Date;
    };
    /** Only in an answer to a GET with `$expand=ReplicationStatus` (spec: GalleryImageVersions_Get); lists never carry it. */
    replicationStatus?: { summary?: { region?: string; state?: string; details?: string; progress?: number }[] };
}

export interface Criteria {
    /** A VM's region: the version must target it and have replicated there, and that region's excludeFromLatest counts. */
    region?: string;
    /** Admit versions whose end of life date has been reached. */
    includeEndOfLife?: boolean;
    now: Date;
}

/** Why a version is not `latest`. */
export type SkipReason =
    | { kind: "name" }
    | { kind: "notTargeted" }
    | { kind: "notReplicated"; state: string }
    | { kind: "provisioning"; state: string }
    | { kind: "excluded" }
    | { kind: "endOfLife" }
    /** The version's replication has not been read (reading.ts reads it only where it decides). */
    | { kind: "replicationUnread" };

/**
 * The order in which a version's reasons are reported: what the region rules out first (a version
 * whose replication to the region failed is also Failed as a whole), the unread replication last.
 */
const PRIORITY: SkipReason["kind"][] = ["name", "notTargeted", "notReplicated", "provisioning", "excluded", "endOfLife", "replicationUnread"];

/**
 * Image version names are Major.Minor.Patch, each a 32-bit integer: the service refuses any other
 * ("The image version name should follow Major(int).Minor(int).Patch(int) format", azure-spec/NAMING.md);
 * script versions' spec pattern is `^[0-9]+\.[0-9]+\.[0-9]+$`.
 */
const VERSION_NAME = /^\d+\.\d+\.\d+$/;

/** The version's number for ordering; `loose` reads a leading zero ("1.01.0"), which the name rule admits. */
function versionNumber(v: PublishedVersion): semver.SemVer | undefined {
    return v.name !== undefined && VERSION_NAME.test(v.name) ? (semver.parse(v.name, { loose: true }) ?? undefined) : undefined;
}

/**
 * Newest first: highest Major, then Minor, then Patch ("latest" ordering, azure-spec/NAMING.md), so
 * 1.10.0 is above 1.9.0. Names that are not versions go last; equal numbers ("1.01.0", "1.1.0") by name.
 */
export function newestFirst<V extends PublishedVersion>(versions: readonly V[]): V[] {
    return [...versions].sort((a, b) => {
        const [x, y] = [versionNumber(a), versionNumber(b)];
        if (x && y) return semver.rcompare(x, y) || String(a.name).localeCompare(String(b.name));
        return x ? -1 : y ? 1 : String(a.name).localeCompare(String(b.name));
    });
}

const targetRegion = (v: PublishedVersion, region: string) => v.publishingProfile?.targetRegions?.find((r) => regionKey(r.name) === regionKey(region));

/**
 * Whether a VM in `region` asking for `latest` skips the version: the target region's own
 * excludeFromLatest when it has one (spec TargetRegion.excludeFromLatest: "the flag setting to hide an
 * image when users specify version='latest'"), else the version's (GalleryArtifactPublishingProfileBase:
 * "If set to true, Virtual Machines deployed from the latest version of the Image Definition won't use
 * this Image Version").
 */
export function excludedIn(v: PublishedVersion, region: string): boolean {
    return targetRegion(v, region)?.excludeFromLatest ?? v.publishingProfile?.excludeFromLatest ?? false;
}

/** Without a region: excluded where it is excluded in every region it targets (by its own flag when it lists none). */
function excludedEverywhere(v: PublishedVersion): boolean {
    const regions = v.publishingProfile?.targetRegions ?? [];
    return regions.length > 0 ? regions.every((r) => excludedIn(v, r.name)) : (v.publishingProfile?.excludeFromLatest ?? false);
}

/** What Azure reports of the version's replication to the region, undefined when its summary does not name it. */
export function replicationSummary(v: PublishedVersion, region: string) {
    return v.replicationStatus?.summary?.find((s) => s.region !== undefined && regionKey(s.region) === regionKey(region));
}

/** The replication state Azure reports for the region. */
export function replicationIn(v: PublishedVersion, region: string): string | undefined {
    return replicationSummary(v, region)?.state;
}

/** Every reason the version is not `latest` under the criteria, in reporting order; none when it qualifies. */
export function skipReasons(v: PublishedVersion, c: Criteria): SkipReason[] {
    const out: SkipReason[] = [];
    if (!versionNumber(v)) out.push({ kind: "name" });
    if (c.region !== undefined) {
        if (!targetRegion(v, c.region)) out.push({ kind: "notTargeted" });
        else if (!v.replicationStatus) out.push({ kind: "replicationUnread" });
        else {
            // ReplicationState: Unknown, Replicating, Completed, Failed (spec); only Completed has the replicas a VM needs.
            const state = replicationIn(v, c.region) ?? "Unknown";
            if (state !== "Completed") out.push({ kind: "notReplicated", state });
        }
    }
    // GalleryProvisioningState: Creating, Updating, Failed, Succeeded, Deleting, Migrating (spec).
    if (v.provisioningState !== "Succeeded") out.push({ kind: "provisioning", state: v.provisioningState ?? "Unknown" });
    if (c.region !== undefined ? excludedIn(v, c.region) : excludedEverywhere(v)) out.push({ kind: "excluded" });
    const eol = v.publishingProfile?.endOfLifeDate;
    if (!c.includeEndOfLife && eol !== undefined && eol.getTime() <= c.now.getTime()) out.push({ kind: "endOfLife" });
    return out.sort((a, b) => PRIORITY.indexOf(a.kind) - PRIORITY.indexOf(b.kind));
}

export interface Selection<V> {
    latest?: V;
    /** The versions above it (all of them when none qualifies), newest first, each with its first reason. */
    skipped: { version: V; reason: SkipReason }[];
}

/** The newest version that qualifies. */
export function selectLatest<V extends PublishedVersion>(versions: readonly V[], c: Criteria): Selection<V> {
    const skipped: Selection<V>["skipped"] = [];
    for (const version of newestFirst(versions)) {
        const [reason] = skipReasons(version, c);
        if (!reason) return { latest: version, skipped };
        skipped.push({ version, reason });
    }
    return { skipped };
}

function label(reason: SkipReason, region: string | undefined): string {
    switch (reason.kind) {
        case "name":
            return "not named Major.Minor.Patch";
        case "notTargeted":
            return `not targeting ${region}`;
        case "notReplicated":
            return `not replicated to ${region}`;
        case "provisioning":
            return "not provisioned";
        case "excluded":
            return "excluded from latest";
        case "endOfLife":
            return "past their end of life";
        case "replicationUnread":
            return `with replication to ${region} unread`;
    }
}

/** How many were skipped for what, e.g. "3 versions: 1 excluded from latest, 2 not replicated to eastus (2 Failed)". */
export function tally(total: number, skipped: readonly { reason: SkipReason }[], region?: string): string {
    if (total === 0) return "no versions";
    const groups = new Map<string, { count: number; states: string[] }>();
    for (const { reason } of skipped) {
        const group = groups.get(label(reason, region)) ?? { count: 0, states: [] };
        group.count++;
        if ("state" in reason) group.states.push(reason.state);
        groups.set(label(reason, region), group);
    }
    const parts = [...groups].map(([what, { count, states }]) => {
        const byState = [...new Set(states)].map((s) => `${states.filter((x) => x === s).length} ${s}`);
        return `${count} ${what}${byState.length > 0 ? ` (${byState.join(", ")})` : ""}`;
    });
    return `${total} version${total === 1 ? "" : "s"}: ${parts.join(", ")}`;
}

/** The result for the chosen version: its regions with their replication, and `excludeFromLatest` as a VM there sees it. */
export function describeLatest(v: PublishedVersion): LatestVersion {
    const regions: VersionRegion[] = (v.publishingProfile?.targetRegions ?? []).map((r) => ({
        name: r.name,
        replicationState: replicationIn(v, r.name),
        excludeFromLatest: excludedIn(v, r.name),
    }));
    return {
        id: v.id ?? "",
        name: v.name ?? "",
        publishedDate: v.publishingProfile?.publishedDate?.toISOString(),
        endOfLifeDate: v.publishingProfile?.endOfLifeDate?.toISOString(),
        regions,
    };
}

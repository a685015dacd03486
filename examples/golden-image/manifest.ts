/**
 * The image versions a pipeline has published, one manifest entry each (images.json). A build
 * appends its entry and edits the older ones (out of latest, or removed to retire the version); the
 * stack publishes exactly what the manifest lists. Each entry keeps its own source for good: the
 * source is fixed when a version is made, so an entry whose source is left as it was never replaces
 * a published version, even after the build's image is deleted in Azure.
 *
 * This module checks what only the manifest can get wrong (its shape, its versions' names and
 * order, which entries are in latest) and names the entry and field of each mistake. Azure's own
 * rules on the values (known regions, replica counts, end-of-life dates in the future) are the
 * provider's, checked at preview on the version resource `ubuntu-<version>`, where
 * `publishingProfile.targetRegions[i]` is the entry's `regions[i]`.
 */
import * as semver from "semver";

export interface ManifestRegion {
    name: string;
    /** Replicas in the region (default 1). */
    replicas?: number;
    /** Zone-redundant storage (Standard_ZRS), for a region with availability zones; else Standard_LRS. */
    zoneRedundant?: boolean;
}

export interface ManifestEntry {
    /** major.minor.patch; entries are ordered oldest first. */
    version: string;
    /** The build's managed image the version is made from; fixed once the version exists. */
    source: string;
    regions: ManifestRegion[];
    /** Kept published, but VMs that ask for the latest version no longer get it. */
    excludeFromLatest?: boolean;
    /** End-of-life date (`2027-06-30`, the start of that day in UTC), shown to users of the version. */
    endOfLife?: string;
}

export interface Manifest {
    versions: ManifestEntry[];
    /** Several entries in latest on purpose: older ones are fallbacks should a newer one leave it. */
    severalInLatest?: boolean;
}

const MANIFEST_FIELDS = ["versions", "severalInLatest"];
const ENTRY_FIELDS = ["version", "source", "regions", "excludeFromLatest", "endOfLife"];
const REGION_FIELDS = ["name", "replicas", "zoneRedundant"];

/**
 * Azure's version names are major.minor.patch, digits only, each part a 32-bit integer ("Create an
 * image definition and an image version": "Allowed characters are numbers and periods. Numbers must
 * be within the range of a 32-bit integer"); without leading zeros, which semver (ordering the
 * entries) refuses and which would let two names denote one version.
 */
const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const INT32_MAX = 2147483647;

/** A managed image, the thing a build produces (Microsoft.Compute/images; ids are case-insensitive in ARM). */
const MANAGED_IMAGE = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/images\/[^/]+$/i;

/**
 * A manifest's end-of-life day as the RFC 3339 date-time Azure takes (the start of that day in UTC, so
 * the machine's time zone does not move it), or undefined when it is no calendar day (`2027-02-30`).
 */
export function endOfLifeDate(day: string): string | undefined {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
    const at = `${day}T00:00:00Z`;
    const t = new Date(at);
    return !Number.isNaN(t.getTime()) && t.toISOString().slice(0, 10) === day ? at : undefined;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === "object" && v !== null && !Array.isArray(v);

/** Members no field describes: a misspelt `exludeFromLatest` would otherwise be ignored and leave the version in latest. */
function unknownFields(v: Record<string, unknown>, known: string[], at: string, problems: string[]): void {
    for (const k of Object.keys(v)) if (!known.includes(k)) problems.push(`${at}${k}: not a field here (fields: ${known.join(", ")})`);
}

function checkType(v: unknown, type: "string" | "boolean" | "integer", at: string, problems: string[]): void {
    const ok = type === "integer" ? Number.isInteger(v) : typeof v === type;
    if (v !== undefined && !ok) problems.push(`${at}: must be ${type === "integer" ? "an integer" : `a ${type}`}, not ${JSON.stringify(v)}`);
}

function checkEntry(e: Record<string, unknown>, at: string, problems: string[]): void {
    unknownFields(e, ENTRY_FIELDS, `${at}.`, problems);
    if (typeof e.version !== "string") {
        problems.push(`${at}.version: required, a string such as "1.2.0"`);
    } else if (!VERSION.test(e.version) || e.version.split(".").some((p) => Number(p) > INT32_MAX)) {
        problems.push(`${at}.version: "${e.version}" is not major.minor.patch (digits, no leading zeros, each part at most ${INT32_MAX})`);
    }
    if (typeof e.source !== "string") {
        problems.push(`${at}.source: required, the build's managed image id`);
    } else if (!MANAGED_IMAGE.test(e.source)) {
        problems.push(`${at}.source: "${e.source}" is not a managed image id (/subscriptions/…/resourceGroups/…/providers/Microsoft.Compute/images/…)`);
    }
    if (!Array.isArray(e.regions) || e.regions.length === 0) {
        problems.push(`${at}.regions: required, a list of at least one region ({ "name": "westus", "replicas": 2 })`);
    } else {
        e.regions.forEach((r: unknown, j) => {
            const rat = `${at}.regions[${j}]`;
            if (!isObject(r)) return void problems.push(`${rat}: must be an object such as { "name": "westus" }`);
            unknownFields(r, REGION_FIELDS, `${rat}.`, problems);
            if (typeof r.name !== "string") problems.push(`${rat}.name: required, a region such as "westus"`);
            checkType(r.replicas, "integer", `${rat}.replicas`, problems);
            checkType(r.zoneRedundant, "boolean", `${rat}.zoneRedundant`, problems);
        });
    }
    checkType(e.excludeFromLatest, "boolean", `${at}.excludeFromLatest`, problems);
    checkType(e.endOfLife, "string", `${at}.endOfLife`, problems);
    if (typeof e.endOfLife === "string" && endOfLifeDate(e.endOfLife) === undefined) problems.push(`${at}.endOfLife: "${e.endOfLife}" is not a date (2027-06-30)`);
}

/** Across entries: each version once, oldest first, each build its own image, and who is in latest. */
function checkEntries(m: Record<string, unknown>, entries: Record<string, unknown>[], label: (i: number) => string, problems: string[]): void {
    const valid = (i: number) => typeof entries[i].version === "string" && VERSION.test(entries[i].version as string);
    entries.forEach((e, i) => {
        if (!valid(i)) return;
        const v = e.version as string;
        const first = entries.findIndex((o, k) => valid(k) && semver.eq(o.version as string, v));
        // One resource per version: a second entry would be the same Azure version published twice.
        if (first < i) return void problems.push(`${label(i)}.version: ${v} is already ${label(first)}; each version is published once`);
        // A build appends its entry, so entries run oldest first; one out of order is most likely a mistyped version.
        const before = entries.slice(0, i).map((_, k) => k).filter(valid).pop();
        if (before !== undefined && !semver.gt(v, entries[before].version as string)) {
            problems.push(`${label(i)}.version: ${v} must be newer than ${label(before)}; entries are ordered oldest first`);
        }
    });
    entries.forEach((e, i) => {
        const first = entries.findIndex((o) => typeof o.source === "string" && typeof e.source === "string" && o.source.toLowerCase() === e.source.toLowerCase());
        // Each build publishes its own image; a repeated source is most likely an entry copied without its source changed.
        if (first >= 0 && first < i) problems.push(`${label(i)}.source: the same image as ${label(first)}; each build publishes its own image`);
    });
    checkType(m.severalInLatest, "boolean", "severalInLatest", problems);
    // Azure's "latest" is the highest version not excluded from it (Microsoft's "Azure Compute Gallery"
    // overview, "Exclude from latest"); with none, a VM that asks for latest finds no version.
    const inLatest = entries.map((e, i) => (e.excludeFromLatest === true ? -1 : i)).filter((i) => i >= 0);
    if (entries.length > 0 && inLatest.length === 0) {
        problems.push(`versions: every entry has excludeFromLatest: true, so a VM that asks for the latest version would find none; keep at least one in latest`);
    }
    if (inLatest.length > 1 && m.severalInLatest !== true) {
        problems.push(
            `versions: ${inLatest.map(label).join(", ")} are all in latest; set excludeFromLatest: true on all but the newest, ` +
                `or "severalInLatest": true if older ones are meant as fallbacks should a newer one leave latest`,
        );
    }
}

/** Reads and checks a manifest; every mistake is listed, each naming the entry and the field. */
export function parseManifest(text: string, file: string): Manifest {
    let m: unknown;
    try {
        m = JSON.parse(text);
    } catch (e) {
        throw new Error(`${file} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    if (!isObject(m)) throw new Error(`${file} must hold an object { "versions": [ … ] }`);
    const problems: string[] = [];
    unknownFields(m, MANIFEST_FIELDS, "", problems);
    // Removing every entry would delete every published version; retiring all of them is `pulumi destroy`.
    if (!Array.isArray(m.versions) || m.versions.length === 0) {
        problems.push(`versions: required, a list of at least one entry (retiring every version is pulumi destroy)`);
    } else {
        const entries = m.versions.map((e: unknown) => (isObject(e) ? e : {}));
        const label = (i: number) => `versions[${i}]${typeof entries[i].version === "string" ? ` (${entries[i].version})` : ""}`;
        m.versions.forEach((e: unknown, i) => (isObject(e) ? checkEntry(e, label(i), problems) : problems.push(`versions[${i}]: must be an object { "version": …, "source": …, "regions": [ … ] }`)));
        checkEntries(m, entries, label, problems);
    }
    if (problems.length > 0) throw new Error(`${file}: ${problems.length === 1 ? "a mistake" : `${problems.length} mistakes`}:\n  ${problems.join("\n  ")}`);
    return m as unknown as Manifest;
}

/** The entry VMs get when they ask for the latest version: the newest not excluded from it. */
export function latestOf(m: Manifest): ManifestEntry {
    return [...m.versions].reverse().find((e) => e.excludeFromLatest !== true) ?? m.versions[m.versions.length - 1];
}

/**
 * The manifest a GoldenImage publishes: one entry per image version a build pipeline has made. A
 * build appends its entry; the stack publishes what the manifest lists (the retention policy in
 * retention.ts decides which versions stay in latest and which are retired). Each entry keeps its
 * own source for good: the source is fixed when a version is made, so an entry whose source is left
 * as it was never replaces a published version, even after the build's image is deleted in Azure.
 *
 * This module checks what only the manifest can get wrong (its shape, its versions' names, which
 * entries may be in latest) and names the entry and field of each mistake, as `versions[3].regions[1].name`.
 * Azure's own rules on the values (known regions, replica counts, end-of-life dates in the future) are
 * the provider's, checked at preview on the version resource `<component>-<version>`, where
 * `publishingProfile.targetRegions[i]` is the entry's `regions[i]`.
 */
import * as semver from "semver";
import { versionName } from "../schema/common";
import { isRecord, readDateTime } from "../schema/values";

export interface ImageManifestRegion {
    /** A region, in any spelling ARM accepts ("westus" or "West US"). */
    name: string;
    /** Replicas in the region (default 1). */
    replicas?: number;
    /** Zone-redundant storage (Standard_ZRS), for a region with availability zones; else Standard_LRS. */
    zoneRedundant?: boolean;
}

export interface ImageManifestEntry {
    /** major.minor.patch; entries may be listed in any order (they are ordered by version). */
    version: string;
    /** The build's managed image the version is made from; fixed once the version exists. */
    source: string;
    regions: ImageManifestRegion[];
    /** Never in latest (a build pulled from latest); it stays published, so VMs that pin it keep working. */
    excludeFromLatest?: boolean;
    /** End-of-life day (`2027-06-30`, the start of that day in UTC), shown to users of the version; past it the version is retired. */
    endOfLife?: string;
}

export interface ImageManifest {
    versions: ImageManifestEntry[];
}

const MANIFEST_FIELDS = ["versions"];
const ENTRY_FIELDS = ["version", "source", "regions", "excludeFromLatest", "endOfLife"];
const REGION_FIELDS = ["name", "replicas", "zoneRedundant"];

/** Azure's rule on a version's name (ERRORS.md §3), the one the provider checks on the version resource. */
const AZURE_VERSION_NAME = versionName("version");

/**
 * Why `v` cannot name a version here. Azure's version names are major.minor.patch, digits only, each
 * part a 32-bit integer ("Create an image definition and an image version": "Allowed characters are
 * numbers and periods. Numbers must be within the range of a 32-bit integer"), the provider's rule
 * on the version resource; and without leading zeros, which semver (ordering the entries) refuses and
 * which would let two names denote one version (`1.01.0` and `1.1.0`).
 */
function versionProblem(v: string): string | undefined {
    const azure = AZURE_VERSION_NAME.validate?.(v, {}, { admittedRegions: [] });
    if (azure) return `"${v}" ${azure}`;
    return semver.valid(v) === v ? undefined : `"${v}" has a leading zero; write each part without one`;
}

/** A managed image, the thing a build produces (Microsoft.Compute/images; ids are case-insensitive in ARM). */
const MANAGED_IMAGE = /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Compute\/images\/[^/]+$/i;

/**
 * A manifest's end-of-life day as the RFC 3339 date-time Azure takes (the start of that day in UTC, so
 * the machine's time zone does not move it), or undefined when it is no calendar day (`2027-02-30`).
 */
export function endOfLifeDate(day: string): string | undefined {
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return undefined;
    const at = `${day}T00:00:00Z`;
    return "ms" in readDateTime(at) ? at : undefined;
}

/** Members no field describes: a misspelt `exludeFromLatest` would otherwise be ignored and leave the version in latest. */
function unknownFields(v: Record<string, unknown>, known: string[], at: (field: string) => string, problems: string[]): void {
    for (const k of Object.keys(v)) if (!known.includes(k)) problems.push(`${at(k)}: not a field here (fields: ${known.join(", ")})`);
}

function checkType(v: unknown, type: "string" | "boolean" | "integer", at: string, problems: string[]): void {
    const ok = type === "integer" ? Number.isInteger(v) : typeof v === type;
    if (v !== undefined && !ok) problems.push(`${at}: must be ${type === "integer" ? "an integer" : `a ${type}`}, not ${JSON.stringify(v)}`);
}

/**
 * Where a mistake is: the path in the manifest (`versions[3].regions[1].name`), then the entry's
 * version when it has one (`(1.2.0)`), so a reader finds the entry by either.
 */
type Where = (field?: string) => string;

function checkEntry(e: Record<string, unknown>, at: Where, problems: string[]): void {
    unknownFields(e, ENTRY_FIELDS, at, problems);
    if (typeof e.version !== "string") {
        problems.push(`${at("version")}: required, a string such as "1.2.0"`);
    } else {
        const problem = versionProblem(e.version);
        if (problem) problems.push(`${at("version")}: ${problem}`);
    }
    if (typeof e.source !== "string") {
        problems.push(`${at("source")}: required, the build's managed image id`);
    } else if (!MANAGED_IMAGE.test(e.source)) {
        problems.push(`${at("source")}: "${e.source}" is not a managed image id (/subscriptions/…/resourceGroups/…/providers/Microsoft.Compute/images/…)`);
    }
    if (!Array.isArray(e.regions) || e.regions.length === 0) {
        problems.push(`${at("regions")}: required, a list of at least one region ({ "name": "westus", "replicas": 2 })`);
    } else {
        e.regions.forEach((r: unknown, j) => {
            const rat = (field?: string) => at(`regions[${j}]${field ? `.${field}` : ""}`);
            if (!isRecord(r)) return void problems.push(`${rat()}: must be an object such as { "name": "westus" }`);
            unknownFields(r, REGION_FIELDS, rat, problems);
            if (typeof r.name !== "string") problems.push(`${rat("name")}: required, a region such as "westus"`);
            checkType(r.replicas, "integer", rat("replicas"), problems);
            checkType(r.zoneRedundant, "boolean", rat("zoneRedundant"), problems);
        });
    }
    checkType(e.excludeFromLatest, "boolean", at("excludeFromLatest"), problems);
    checkType(e.endOfLife, "string", at("endOfLife"), problems);
    if (typeof e.endOfLife === "string" && endOfLifeDate(e.endOfLife) === undefined) problems.push(`${at("endOfLife")}: "${e.endOfLife}" is not a date (2027-06-30)`);
}

/** Across entries: each version once, each build its own image, and at least one entry that may be in latest. */
function checkEntries(entries: Record<string, unknown>[], at: (i: number, field?: string) => string, problems: string[]): void {
    const valid = (i: number) => typeof entries[i].version === "string" && versionProblem(entries[i].version as string) === undefined;
    entries.forEach((e, i) => {
        if (!valid(i)) return;
        const first = entries.findIndex((o, k) => valid(k) && semver.eq(o.version as string, e.version as string));
        // One resource per version: a second entry would be the same Azure version published twice.
        if (first < i) problems.push(`${at(i, "version")}: ${String(e.version)} is already ${at(first)}; each version is published once`);
    });
    entries.forEach((e, i) => {
        const first = entries.findIndex((o) => typeof o.source === "string" && typeof e.source === "string" && o.source.toLowerCase() === e.source.toLowerCase());
        // Each build publishes its own image; a repeated source is most likely an entry copied without its source changed.
        if (first >= 0 && first < i) problems.push(`${at(i, "source")}: the same image as ${at(first)}; each build publishes its own image`);
    });
    // Azure's "latest" is the highest version not excluded from it (Microsoft's "Azure Compute Gallery"
    // overview, "Exclude from latest"); with none, a VM that asks for latest finds no version.
    if (entries.length > 0 && entries.every((e) => e.excludeFromLatest === true)) {
        problems.push(`versions: every entry has excludeFromLatest: true, so a VM that asks for the latest version would find none; keep at least one in latest`);
    }
}

/** Every mistake in a manifest, each naming the entry and the field; none for a manifest that is right. */
export function imageManifestProblems(m: unknown): string[] {
    if (!isRecord(m)) return [`the manifest must be an object { "versions": [ … ] }`];
    const problems: string[] = [];
    unknownFields(m, MANIFEST_FIELDS, (k) => k, problems);
    // Removing every entry would delete every published version; retiring all of them is `pulumi destroy`.
    if (!Array.isArray(m.versions) || m.versions.length === 0) {
        problems.push(`versions: required, a list of at least one entry (retiring every version is pulumi destroy)`);
        return problems;
    }
    const entries = m.versions.map((e: unknown) => (isRecord(e) ? e : {}));
    const at = (i: number, field?: string) => {
        const version = entries[i].version;
        return `versions[${i}]${field ? `.${field}` : ""}${typeof version === "string" ? ` (${version})` : ""}`;
    };
    m.versions.forEach((e: unknown, i) =>
        isRecord(e) ? checkEntry(e, (field) => at(i, field), problems) : problems.push(`versions[${i}]: must be an object { "version": …, "source": …, "regions": [ … ] }`),
    );
    checkEntries(entries, at, problems);
    return problems;
}

/** The manifest as given, once it is right; else an error listing every mistake, under `label` (the file, or the component). */
export function checkImageManifest(m: unknown, label: string): ImageManifest {
    const problems = imageManifestProblems(m);
    if (problems.length > 0) throw new Error(`${label}: ${problems.length === 1 ? "a mistake" : `${problems.length} mistakes`}:\n  ${problems.join("\n  ")}`);
    return m as ImageManifest;
}

/** Reads a manifest's JSON text (`file` names it in errors) and checks it. */
export function parseImageManifest(text: string, file: string): ImageManifest {
    let m: unknown;
    try {
        m = JSON.parse(text);
    } catch (e) {
        throw new Error(`${file} is not JSON: ${e instanceof Error ? e.message : String(e)}`);
    }
    return checkImageManifest(m, file);
}

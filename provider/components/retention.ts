/**
 * Which of a manifest's versions stay published, which are in latest, and which are retired. Azure
 * resolves "latest" to the highest version not excluded from it (Microsoft's "Azure Compute Gallery"
 * overview, "Exclude from latest"); a VM that asks for latest when every version is excluded finds
 * none. The rules, each with why:
 *
 * 1. The newest version (highest by semver) is never retired, even past its end of life: it is the
 *    last build there is, and Azure's end-of-life date is informational (azure-spec/MUTABILITY.md:
 *    VMs can still be created after it), whereas deleting it would leave new VMs an older build or none.
 * 2. The version Azure resolves latest to (the highest one the manifest does not exclude) is never
 *    retired nor taken out of latest, so latest always finds a version.
 * 3. An entry the manifest excludes from latest stays out of it (a build pulled from latest); the
 *    newest `keepInLatest` of the rest are in latest, and older ones are taken out automatically:
 *    an older version in latest only serves as a fallback should the newer ones leave it, and
 *    `keepInLatest` says how many fallbacks to keep. Out of latest, a version stays published, so VMs
 *    that pin it keep working.
 * 4. A version past its end of life is retired (removed from the stack, so deleted in Azure), unless
 *    rule 1 or 2 keeps it: past that date its users were told it goes, and each published version
 *    costs its replicas' storage in every target region.
 */
import * as semver from "semver";
import { isRecord } from "../schema/values";

export interface RetentionPolicy {
    /** How many of the newest versions stay in latest (default 1); older ones are taken out of it, still published. */
    keepInLatest?: number;
    /** Retire (delete) versions past their end of life, never the newest or the latest (default true). */
    retireAfterEndOfLife?: boolean;
}

/** What the rules need of an entry. */
export interface RetainedEntry {
    version: string;
    excludeFromLatest?: boolean;
    /** When the version reaches its end of life (RFC 3339), if it has one. */
    endOfLifeDate?: string;
}

export interface RetentionPlan {
    /** The versions kept published, newest first. */
    published: string[];
    /** Those of them in latest, newest first. */
    inLatest: string[];
    /** The entries past their end of life, removed from the stack, newest first. */
    retired: string[];
    /** The highest version in the manifest. */
    newest: string;
    /** The version Azure gives a VM that asks for latest. */
    latest: string;
}

const POLICY_FIELDS = ["keepInLatest", "retireAfterEndOfLife"];

/** Every mistake in a retention policy, named `retention.<field>`. */
export function retentionProblems(p: unknown): string[] {
    if (p === undefined) return [];
    if (!isRecord(p)) return [`retention: must be an object { "keepInLatest": 1, "retireAfterEndOfLife": true }`];
    const problems = Object.keys(p).filter((k) => !POLICY_FIELDS.includes(k)).map((k) => `retention.${k}: not a field here (fields: ${POLICY_FIELDS.join(", ")})`);
    const n = p.keepInLatest;
    // None in latest would leave a VM that asks for the latest version with nothing (rule 2).
    if (n !== undefined && !(Number.isInteger(n) && (n as number) >= 1)) problems.push(`retention.keepInLatest: must be a whole number of at least 1, not ${JSON.stringify(n)}`);
    if (p.retireAfterEndOfLife !== undefined && typeof p.retireAfterEndOfLife !== "boolean") {
        problems.push(`retention.retireAfterEndOfLife: must be a boolean, not ${JSON.stringify(p.retireAfterEndOfLife)}`);
    }
    return problems;
}

/**
 * The rules above applied to a manifest's entries at `now` (milliseconds since the epoch). The
 * entries are checked already: distinct versions, at least one not excluded from latest.
 */
export function planRetention(entries: readonly RetainedEntry[], policy: RetentionPolicy = {}, now: number = Date.now()): RetentionPlan {
    const keepInLatest = policy.keepInLatest ?? 1;
    const byVersion = [...entries].sort((a, b) => semver.rcompare(a.version, b.version));
    const newest = byVersion[0];
    const latest = byVersion.find((e) => e.excludeFromLatest !== true) ?? newest;
    const pastEndOfLife = (e: RetainedEntry) => e.endOfLifeDate !== undefined && Date.parse(e.endOfLifeDate) <= now;
    const retire = (e: RetainedEntry) => policy.retireAfterEndOfLife !== false && e !== newest && e !== latest && pastEndOfLife(e);
    const kept = byVersion.filter((e) => !retire(e));
    const inLatest = kept.filter((e) => e.excludeFromLatest !== true).slice(0, keepInLatest);
    return {
        published: kept.map((e) => e.version),
        inLatest: inLatest.map((e) => e.version),
        retired: byVersion.filter(retire).map((e) => e.version),
        newest: newest.version,
        latest: latest.version,
    };
}

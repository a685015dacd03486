/**
 * Which version of an image "latest" means, as Azure resolves it for a VM: "If set to true, Virtual
 * Machines deployed from the latest version of the Image Definition won't use this Image Version"
 * (spec, excludeFromLatest), and a version past its end of life is one its publisher has retired
 * (spec, endOfLifeDate: "can be used for decommissioning purposes"). Among the rest, the highest
 * version number: version names are major.minor.patch ("Needs to follow semantic version name
 * pattern", spec), compared as semantic versions.
 */
import * as semver from "semver";

/** What the choice reads of a version. */
export interface VersionFacts {
    name: string;
    excludeFromLatest?: boolean;
    endOfLifeDate?: string;
}

/** Why a version cannot be latest, or nothing. */
function barred(v: VersionFacts, now: number): string | undefined {
    if (v.excludeFromLatest === true) return "excluded from latest";
    if (v.endOfLifeDate !== undefined && Date.parse(v.endOfLifeDate) <= now) return `past its end of life (${v.endOfLifeDate})`;
    if (semver.valid(v.name) === null) return "not a major.minor.patch version name";
    return undefined;
}

/**
 * The latest of `versions` at `now`, or the reason there is none, naming each version and why it is
 * left out (for the error a lookup of "latest" gives).
 */
export function pickLatest<T extends VersionFacts>(versions: readonly T[], now: number = Date.now()): { latest: T } | { none: string } {
    const eligible = versions.filter((v) => barred(v, now) === undefined);
    if (eligible.length > 0) return { latest: eligible.reduce((best, v) => (semver.gt(v.name, best.name) ? v : best)) };
    if (versions.length === 0) return { none: "it has no versions" };
    return { none: `none of its ${versions.length} version(s) can be latest: ${versions.map((v) => `${v.name} ${barred(v, now)}`).join("; ")}` };
}

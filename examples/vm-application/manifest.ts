/**
 * The application versions a pipeline has published, one entry each (versions.json), oldest first.
 * A build appends its entry; an older entry is taken out of latest and given an end-of-life date
 * to retire it, and stays published (VMs that pin it keep installing it). Only what the manifest
 * can get wrong is checked here; Azure's rules on the values (known regions, a past end of life)
 * are the provider's, checked at preview on the resource `agent-<version>`.
 */
export interface ApplicationEntry {
    /** major.minor.patch. */
    version: string;
    /** The package's blob in the packages container; the link's SAS token comes from stack config. */
    package: string;
    regions: string[];
    excludeFromLatest?: boolean;
    /** `2027-06-30`: the start of that day in UTC. */
    endOfLife?: string;
}

export interface ApplicationManifest {
    versions: ApplicationEntry[];
}

const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const FIELDS = ["version", "package", "regions", "excludeFromLatest", "endOfLife"];
const parts = (v: string) => v.split(".").map(Number);
const newer = (a: string, b: string) => {
    const [x, y] = [parts(a), parts(b)];
    const i = x.findIndex((n, k) => n !== y[k]);
    return i >= 0 && x[i] > y[i];
};

/** Reads and checks a manifest; every mistake is listed, naming the entry and the field. */
export function parseApplicationManifest(text: string, file: string): ApplicationManifest {
    const m = JSON.parse(text) as ApplicationManifest;
    const problems: string[] = [];
    if (!Array.isArray(m?.versions) || m.versions.length === 0) throw new Error(`${file}: versions: required, a list of at least one entry`);
    m.versions.forEach((e, i) => {
        const at = `versions[${i}]`;
        for (const k of Object.keys(e)) if (!FIELDS.includes(k)) problems.push(`${at}.${k}: not a field here (fields: ${FIELDS.join(", ")})`);
        if (typeof e.version !== "string" || !VERSION.test(e.version)) problems.push(`${at}.version: must be major.minor.patch, such as "1.0.0"`);
        else if (i > 0 && !newer(e.version, m.versions[i - 1].version)) problems.push(`${at}.version: ${e.version} must be newer than the entry before; entries are ordered oldest first`);
        if (typeof e.package !== "string" || e.package === "" || e.package.includes("?")) problems.push(`${at}.package: required, the blob's name without a query (the SAS token is stack config)`);
        if (!Array.isArray(e.regions) || e.regions.length === 0 || e.regions.some((r) => typeof r !== "string")) problems.push(`${at}.regions: required, a list of regions such as ["westus"]`);
        if (e.endOfLife !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(e.endOfLife)) problems.push(`${at}.endOfLife: "${e.endOfLife}" is not a date (2027-06-30)`);
    });
    // Azure's latest is the highest version not excluded from it: exactly one keeps the choice explicit.
    if (m.versions.filter((e) => e.excludeFromLatest !== true).length !== 1) problems.push(`versions: exactly one entry must be in latest (the others excludeFromLatest: true)`);
    if (problems.length > 0) throw new Error(`${file}: ${problems.join("; ")}`);
    return m;
}

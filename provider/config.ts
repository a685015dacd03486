/**
 * The stack config this package reads, and the environment variables that stand in for it. Reading
 * it loads no Azure SDK: check and diff read the regions a stack admits and the ownership switch
 * from here. Nothing here is ever written to state; secrets are read when a call needs them.
 */
export const CONFIG_NAMESPACE = "azure-compute-gallery";

/** A key of stack config (`namespace:key`) to its value, or undefined when unset. */
export type ConfigLookup = (key: string) => string | undefined;

let lookup: ConfigLookup = () => undefined;

/** A key of the stack's config (`namespace:key`), as configure() handed it over. */
export function stackConfig(key: string): string | undefined {
    return lookup(key);
}

/** Called from the dynamic provider's configure(): the stack's config, secrets decrypted. */
export function useStackConfig(config: ConfigLookup): void {
    lookup = config;
}

/** A switch as config and environment spell it: "true" or "false" in any case; unset is undefined. */
export function trueOrFalse(raw: string | undefined, names: string): boolean | undefined {
    const v = raw?.toLowerCase();
    if (v !== undefined && v !== "true" && v !== "false") throw new Error(`${names} must be true or false, not "${v}".`);
    return v === undefined ? undefined : v === "true";
}

export function first(...values: (string | undefined)[]): string | undefined {
    return values.find((v) => v !== undefined && v !== "");
}

/**
 * Regions the stack takes on trust (`azure-compute-gallery:additionalRegions`): a region newer than
 * the package's table, or one whose availability zones or Premium SSD v2 the table does not know yet.
 * A comma-separated list, or a JSON list of strings.
 */
export function additionalRegions(env: NodeJS.ProcessEnv = process.env, config: ConfigLookup = stackConfig): string[] {
    const key = `${CONFIG_NAMESPACE}:additionalRegions`;
    const raw = first(config(key), env.AZURE_GALLERY_ADDITIONAL_REGIONS);
    if (raw === undefined) return [];
    if (!raw.trim().startsWith("[")) return raw.split(",").map((r) => r.trim()).filter(Boolean);
    let list: unknown;
    try {
        list = JSON.parse(raw);
    } catch {
        list = undefined;
    }
    if (!Array.isArray(list) || !list.every((r) => typeof r === "string")) {
        throw new Error(`${key} must be a comma-separated list of region names, or a JSON list of strings; got ${raw}`);
    }
    return list;
}

/**
 * Whether creates mark the resource with the stack resource that made it (`ownership.ts`), so that a
 * run interrupted after Azure accepted a create takes the resource back next time. On unless
 * `azure-compute-gallery:ownershipTag` (or AZURE_GALLERY_OWNERSHIP_TAG) is "false".
 */
export function markOwnership(env: NodeJS.ProcessEnv = process.env): boolean {
    const key = `${CONFIG_NAMESPACE}:ownershipTag`;
    return trueOrFalse(first(stackConfig(key), env.AZURE_GALLERY_OWNERSHIP_TAG), key) !== false;
}

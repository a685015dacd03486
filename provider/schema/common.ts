/** Field entries and rules shared by the three gallery resources. */
import { MARK_TAGS } from "./marks";
import { timeouts } from "./timeouts";
import { ArmReference, Caution, CheckContext, FieldSpec, Inputs, OnChange, described } from "./types";
import { getPath, isRecord, isUnknown, queryOf } from "./values";

export const STORAGE_ACCOUNT_TYPES = ["Standard_LRS", "Standard_ZRS", "Premium_LRS", "PremiumV2_LRS"] as const;

/** Naming rules: azure-spec/NAMING.md quotes the sources; "alphanumeric" there is a-z, A-Z, 0-9. */
const ALPHANUMERIC = { re: /^[A-Za-z0-9]$/, rule: "a letter or digit (a-z, A-Z, 0-9)" };

/**
 * ARM resource groups: 1-90 characters, `_ - . ( )` and the letters or digits of Char.IsLetterOrDigit
 * (Unicode categories Lu, Ll, Lt, Lm, Lo, Nd), not ending with a period.
 */
export const resourceGroupName: FieldSpec = {
    path: "resourceGroupName",
    type: "string",
    required: true,
    onChange: "replace",
    // Resource group and resource names are case-insensitive (Microsoft's "Naming rules and restrictions").
    ignoreCase: true,
    inModel: false,
    name: {
        length: [1, 90],
        chars: { re: /^[\p{Lu}\p{Ll}\p{Lt}\p{Lm}\p{Lo}\p{Nd}_\-.()]$/u, rule: "letters and digits (of any script), underscores, hyphens, periods and parentheses" },
        end: { re: /^[^.]$/, rule: "not end with a period" },
    },
};

/** An Azure name that addresses the resource: fixed at create, not part of the request body. */
const azureName = (path: string, required: boolean, chars: { re: RegExp; rule: string }): FieldSpec => ({
    path,
    type: "string",
    required,
    onChange: "replace",
    ignoreCase: true,
    inModel: false,
    name: { length: [1, 80], chars, start: { ...ALPHANUMERIC, rule: `start with ${ALPHANUMERIC.rule}` }, end: { ...ALPHANUMERIC, rule: `end with ${ALPHANUMERIC.rule}` } },
});

/** Galleries: a-z, A-Z, 0-9, periods, and underscores (the service's own message; no dashes). */
export const galleryName = (required: boolean): FieldSpec =>
    azureName("galleryName", required, { re: /^[A-Za-z0-9._]$/, rule: "letters a-z and A-Z, digits, underscores and periods (no dashes)" });

/** Image definitions: a-z, A-Z, 0-9, underscores, hyphens and periods. */
export const galleryImageName = (required: boolean): FieldSpec =>
    azureName("galleryImageName", required, { re: /^[A-Za-z0-9._-]$/, rule: "letters a-z and A-Z, digits, underscores, hyphens and periods" });

/**
 * Application definitions: "Max length of 117 characters. Allowed characters are uppercase or
 * lowercase letters, digits, hyphen(-), period (.), underscore (_). Names not allowed to end with
 * period(.)." (MUTABILITY.md §7, quoting the VM Applications overview; the spec has no pattern).
 */
export const galleryApplicationName = (required: boolean): FieldSpec => {
    const chars = { re: /^[A-Za-z0-9._-]$/, rule: "uppercase or lowercase letters, digits, hyphens, periods and underscores" };
    return { ...azureName("galleryApplicationName", required, chars), name: { length: [1, 117], chars, end: { re: /^[^.]$/, rule: "not end with a period" } } };
};

/**
 * Script definitions: the spec's `pattern: ^[a-zA-Z0-9]+([_]?[a-zA-Z0-9]+)*$` (MUTABILITY.md §11):
 * letters a-z and A-Z and digits, single underscores between them. No length is documented; the
 * other gallery children's 80 is taken.
 */
export const galleryScriptName = (required: boolean): FieldSpec => ({
    ...azureName("galleryScriptName", required, { re: /^[A-Za-z0-9_]$/, rule: "letters a-z and A-Z, digits and underscores" }),
    pattern: { re: /^[a-zA-Z0-9]+([_]?[a-zA-Z0-9]+)*$/, rule: "must be letters and digits, with single underscores between them (spec pattern ^[a-zA-Z0-9]+([_]?[a-zA-Z0-9]+)*$)" },
});

/**
 * inVMAccessControlProfile names: the spec gives no pattern and no source documents a rule of
 * their own (MUTABILITY.md §9), so only what holds for every ARM name is judged: it is a segment of
 * the resource's id, so not empty (the spec's path parameter is required), and holds no `/` or `?`
 * (which would split or end that segment of the URL) nor `#`, "since this interferes with URL parsing
 * during Azure Resource Manager requests" (NAMING.md [L]). A name, fixed at create, compared without
 * regard to case.
 */
export const inVMAccessControlProfileName = (required: boolean): FieldSpec => ({
    path: "inVMAccessControlProfileName",
    type: "string",
    required,
    onChange: "replace",
    ignoreCase: true,
    inModel: false,
    validate: described("not empty, and no \"#\", \"/\" or \"?\" (a segment of the resource's ARM id)", (v: unknown) => {
        const name = String(v);
        if (name === "") return "must not be empty: it is the resource's segment of its ARM id";
        if (name.includes("#")) return `must not hold "#", which interferes with URL parsing in Azure Resource Manager requests (Microsoft's naming rules); "${name}" does`;
        // The name is one segment of the id's path: "/" would split it, "?" end the path.
        const breaking = ["/", "?"].find((c) => name.includes(c));
        return breaking ? `must not hold "${breaking}": the name is one segment of the resource's ARM id (a URL path); "${name}" does` : undefined;
    }),
});

const INT32_MAX = 2147483647;

/**
 * A version's name: "Major(int32).Minor(int32).Patch(int32) … where int is between 0 and
 * 2,147,483,647" (ERRORS.md §3 for image versions, §5 for application versions).
 */
export const versionName = (path: string): FieldSpec => ({
    path,
    type: "string",
    required: true,
    onChange: "replace",
    inModel: false,
    validate: described("major.minor.patch, each part a whole number from 0 to 2147483647 (e.g. 1.0.0, 2026.11.22)", (v: unknown) => {
        const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(String(v));
        return !m || m.slice(1).some((p) => Number(p) > INT32_MAX) ? "must be major.minor.patch, each part a whole number from 0 to 2147483647 (e.g. 1.0.0, 2026.11.22)" : undefined;
    }),
});

export const location: FieldSpec = { path: "location", type: "region", required: true, onChange: "replace" };
/** ARM's tag limits ("Use tags to organize your Azure resources"): 50 pairs, names 512 and values 256 characters, no < > % & \ ? / in names. */
const tagLimits = described(
    "at most 50 tags (48 while the ownership tags are on); names of at most 512 characters without < > % & \\ ? /, values of at most 256",
    (v: unknown, _inputs: Inputs, ctx: CheckContext): string | undefined => {
        const entries = Object.entries(v as Record<string, unknown>);
        const room = 50 - (ctx.addedKeys ?? 0);
        if (entries.length > room) return `may hold at most ${room} tags, not ${entries.length}${room < 50 ? " (ARM allows 50; the ownership tags take the rest, see azure-compute-gallery:ownershipTag)" : ""}`;
        const longName = entries.find(([k]) => k.length > 512);
        if (longName) return `may have tag names of at most 512 characters; "${longName[0].slice(0, 40)}…" has ${longName[0].length}`;
        const reserved = entries.find(([k]) => /[<>%&\\?/]/.test(k));
        if (reserved) return `may not have < > % & \\ ? / in tag names; "${reserved[0]}" has`;
        const longValue = entries.find(([, x]) => typeof x === "string" && x.length > 256);
        if (longValue) return `may have tag values of at most 256 characters; the value of "${longValue[0]}" has ${String(longValue[1]).length}`;
        return undefined;
    },
);

export const tags: FieldSpec = { path: "tags", type: "stringMap", onChange: "update", validate: tagLimits, reservedKeys: MARK_TAGS };
export const subscriptionId: FieldSpec = {
    path: "subscriptionId",
    type: "string",
    onChange: "replace",
    computed: true,
    ignoreCase: true,
    inModel: false,
    pattern: { re: /^[0-9a-fA-F-]{36}$/, rule: "must be a subscription id (a GUID)" },
};

/** Take over a resource that already exists in Azure, on create; afterwards it means nothing. */
export const adopt: FieldSpec = { path: "adopt", type: "boolean", onChange: "update", inModel: false, compared: false };

/**
 * The fields every kind has: ARM's tracked-resource members (location, fixed at create:
 * TrackedResource.location is x-ms-mutability read, create; tags) and the provider's own
 * (subscription, adopt, timeouts).
 */
export const everyKind: FieldSpec[] = [location, tags, subscriptionId, adopt, ...timeouts];

/**
 * What each reference to another resource names. The resource types are judged only where Azure
 * documents the refusal (troubleshooting guide, ERRORS.md: "The source id: … must either be a managed
 * image, virtual machine or another gallery image version" for a version's source, "… must be a
 * managed disk or snapshot" for a disk's); elsewhere official examples spell the type loosely
 * (GalleryImageVersion_Create.json: `Microsoft.Compute/diskEncryptionSet/…`) and are accepted.
 */
export const REFERS_TO = {
    versionSource: {
        what: "managed image, virtual machine or gallery image version",
        types: ["Microsoft.Compute/images", "Microsoft.Compute/virtualMachines", "Microsoft.Compute/galleries/images/versions"],
    },
    diskSource: { what: "managed disk or snapshot", types: ["Microsoft.Compute/disks", "Microsoft.Compute/snapshots"] },
    virtualMachine: { what: "virtual machine" },
    storageAccount: { what: "storage account" },
    diskEncryptionSet: { what: "disk encryption set" },
    userAssignedIdentity: { what: "user-assigned managed identity" },
} satisfies Record<string, ArmReference>;

/**
 * A list whose elements are keyed by a member (the spec's `x-ms-identifiers`), and whose elements cost
 * the same to add, remove or change: `update` in place, or `replace` the resource.
 */
export const keyedList = (path: string, key: string, onChange: OnChange, fields: FieldSpec[]): FieldSpec => ({
    path,
    type: "list",
    onChange,
    items: { key, onAdd: onChange, onRemove: onChange, fields },
});

/** Provisioning states of an operation Azure has not finished (spec: GalleryProvisioningState). */
export const RUNNING_STATES = ["Creating", "Updating"];

/** Dates that Azure only accepts in the future. */
export const inFuture = described("in the future", (v: unknown): string | undefined =>
    typeof v === "string" && Date.parse(v) <= Date.now() ? `must be in the future (Azure refuses a past end-of-life date), not ${v}` : undefined,
);

/**
 * A caution for each link among `paths` whose SAS token has expired (its `se=` signed expiry is
 * past): Azure cannot read the blob with it (ERRORS.md §5: "The SAS isn't valid for source uri …").
 * Said when the program sets or changes the link; one Azure already read stays quiet. Only the
 * expiry is named, never the token.
 */
export function expiredSasTokens(paths: string[]): Caution {
    return described(`when the SAS token of ${paths.map((p) => `\`${p}\``).join(" or ")} has expired (its se= expiry is past) as the program sets or changes the link`, (inputs: Inputs, olds: Inputs) =>
        paths.flatMap((path) => {
            const link = getPath(inputs, path);
            if (typeof link !== "string" || isUnknown(link) || (isRecord(olds) && getPath(olds, path) === link)) return [];
            const expiry = new URLSearchParams(queryOf(link)).get("se");
            // Azure Storage reads `se` in UTC ("Create a service SAS": one of the accepted ISO 8601 UTC
            // formats), so a time without a zone is UTC here too, never the machine's.
            const utc = expiry && /T/i.test(expiry) && !/(Z|[+-]\d\d:?\d\d)$/i.test(expiry) ? `${expiry}Z` : expiry;
            const at = utc ? Date.parse(utc) : NaN;
            if (Number.isNaN(at) || at > Date.now()) return [];
            return [`${path}: its SAS token expired at ${expiry} (se=); Azure cannot read the blob with it ("The SAS isn't valid for source uri …"). Give it a SAS token that is valid until Azure has replicated the version`];
        }),
    );
}

/** A short random suffix for generated names, letters and digits only (valid in every kind's names). */
export function randomSuffix(): string {
    return Math.random().toString(36).slice(2, 9).padEnd(7, "0");
}

/** Field entries and rules shared by the three gallery resources. */
import { FieldSpec } from "./types";

export const STORAGE_ACCOUNT_TYPES = ["Standard_LRS", "Standard_ZRS", "Premium_LRS", "PremiumV2_LRS"] as const;

/** ARM resource groups: 1-90 letters, digits, `_ - . ( )`, not ending in a period. */
export const resourceGroupName: FieldSpec = {
    path: "resourceGroupName",
    type: "string",
    required: true,
    onChange: "replace",
    inModel: false,
    maxLength: 90,
    pattern: { re: /^[-\w.()]*[-\w()]$/, rule: "may hold letters, digits, _ - . ( ) and must not end with a period" },
};

/** An Azure name that addresses the resource: fixed at create, not part of the request body. */
const azureName = (path: string, required: boolean, re: RegExp, rule: string): FieldSpec => ({
    path,
    type: "string",
    required,
    onChange: "replace",
    inModel: false,
    maxLength: 80,
    pattern: { re, rule },
});

export const galleryName = (required: boolean): FieldSpec =>
    azureName("galleryName", required, /^[A-Za-z0-9]([A-Za-z0-9._]*[A-Za-z0-9])?$/, "may hold letters, digits, periods and underscores (no dashes), starting and ending with a letter or digit");

export const galleryImageName = (required: boolean): FieldSpec =>
    azureName(
        "galleryImageName",
        required,
        /^[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9_])?$/,
        "may hold letters, digits, periods, dashes and underscores, starting with a letter or digit and not ending with a period or dash",
    );

export const location: FieldSpec = { path: "location", type: "region", required: true, onChange: "replace" };
export const tags: FieldSpec = { path: "tags", type: "stringMap", onChange: "update" };
export const subscriptionId: FieldSpec = {
    path: "subscriptionId",
    type: "string",
    onChange: "replace",
    computed: true,
    inModel: false,
    pattern: { re: /^[0-9a-fA-F-]{36}$/, rule: "must be a subscription id (a GUID)" },
};

/** Dates that Azure only accepts in the future. */
export function inFuture(v: unknown): string | undefined {
    return typeof v === "string" && Date.parse(v) <= Date.now() ? `must be in the future (Azure refuses a past end-of-life date), not ${v}` : undefined;
}

/** A fully qualified ARM resource id, as the service requires for every source. */
export function armResourceId(kind: string): (v: unknown) => string | undefined {
    return (v) =>
        typeof v === "string" && !/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/[^/]+\/.+/i.test(v)
            ? `must be the full ARM id of a ${kind} (/subscriptions/…/resourceGroups/…/providers/…)`
            : undefined;
}

/** A short random suffix for generated names, letters and digits only (valid in every kind's names). */
export function randomSuffix(): string {
    return Math.random().toString(36).slice(2, 9).padEnd(7, "0");
}

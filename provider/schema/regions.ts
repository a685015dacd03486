/**
 * The Azure regions this package knows, so that a mistyped region fails at preview rather than half
 * way through an apply. Sources: Microsoft's list of Azure regions (`az account list-locations`, the
 * "Azure geographies" page) and its list of regions with availability zones ("Azure regions with
 * availability zone support"); sovereign regions from the Azure Government and Azure China docs.
 * A region newer than this table is admitted with stack config `azure-compute-gallery:additionalRegions`.
 */
import { nearest, regionKey } from "./values";

/** The cloud a region belongs to: some features are missing from the sovereign ones. */
export type Cloud = "public" | "usgovernment" | "china";

interface Region {
    displayName: string;
    /** Offers availability zones, which zone-redundant storage (Standard_ZRS) needs. */
    zones: boolean;
    cloud: Cloud;
}

const withZones = (...names: string[]): Region[] => names.map((displayName) => ({ displayName, zones: true, cloud: "public" }));
const withoutZones = (...names: string[]): Region[] => names.map((displayName) => ({ displayName, zones: false, cloud: "public" }));
const inCloud = (cloud: Cloud, regions: Region[]): Region[] => regions.map((r) => ({ ...r, cloud }));

const REGIONS: Region[] = [
    // Public cloud, regions with availability zones.
    ...withZones(
        "Australia East", "Austria East", "Belgium Central", "Brazil South", "Canada Central", "Central India", "Central US",
        "Chile Central", "Denmark East", "East Asia", "East US", "East US 2", "France Central", "Germany West Central",
        "Indonesia Central", "Israel Central", "Italy North", "Japan East", "Japan West", "Korea Central", "Malaysia West",
        "Mexico Central", "New Zealand North", "North Europe", "Norway East", "Poland Central", "Qatar Central",
        "South Africa North", "South Central US", "Southeast Asia", "Spain Central", "Sweden Central", "Switzerland North",
        "UAE North", "UK South", "West Europe", "West US 2", "West US 3",
    ),
    // Public cloud, regions without availability zones.
    ...withoutZones(
        "Australia Central", "Australia Central 2", "Australia Southeast", "Brazil Southeast", "Canada East", "France South",
        "Germany North", "Jio India Central", "Jio India West", "Korea South", "North Central US", "Norway West",
        "South Africa West", "South India", "Sweden South", "Switzerland West", "Taiwan North", "UAE Central", "UK West",
        "West Central US", "West India", "West US", "East US 2 EUAP", "Central US EUAP",
    ),
    // Public cloud, restricted-access regions that appear in ARM's location lists.
    ...withoutZones("Israel Northwest", "Malaysia South", "Taiwan Northwest"),
    // Azure Government.
    ...inCloud("usgovernment", [...withZones("USGov Virginia"), ...withoutZones("USGov Arizona", "USGov Texas", "USDoD Central", "USDoD East")]),
    // Azure operated by 21Vianet (China).
    ...inCloud("china", [...withZones("China North 3", "China East 3"), ...withoutZones("China East", "China East 2", "China North", "China North 2")]),
];

/**
 * Regions offering Premium SSD v2 (PremiumV2_LRS), from the table in Microsoft's "Deploy a Premium
 * SSD v2" (MicrosoftDocs/azure-compute-docs, includes/disks-premv2-regions.md).
 */
const PREMIUM_V2 = new Set(
    [
        "Australia Central 2", "Australia Southeast", "Brazil Southeast", "Canada East", "Germany North", "South India",
        "North Central US", "Norway West", "Switzerland West", "Taiwan North", "UK West", "West Central US", "West US",
        "Japan West", "Austria East", "Australia East", "Brazil South", "Canada Central", "Central India", "Central US",
        "China North 3", "East Asia", "East US", "East US 2", "France Central", "Germany West Central", "Indonesia Central",
        "Israel Central", "Italy North", "Japan East", "Korea Central", "Malaysia West", "Mexico Central", "New Zealand North",
        "North Europe", "Norway East", "Poland Central", "Spain Central", "South Africa North", "South Central US",
        "Southeast Asia", "Sweden Central", "Switzerland North", "UAE North", "UK South", "USGov Virginia", "West Europe",
        "West US 2", "West US 3",
    ].map(regionKey),
);

const byKey = new Map(REGIONS.map((r) => [regionKey(r.displayName), r]));

/**
 * Why `name` is not a region Azure knows, or undefined when it is one (or the stack admits it).
 * The message suggests the nearest known region.
 */
export function unknownRegion(name: string, admitted: readonly string[]): string | undefined {
    const key = regionKey(name);
    if (byKey.has(key) || admitted.some((a) => regionKey(a) === key)) return undefined;
    const near = nearest(key, [...byKey.keys()]);
    const hint = near ? ` (did you mean "${near}"?)` : "";
    return `"${name}" is not an Azure region${hint}; a region newer than this package is admitted with stack config azure-compute-gallery:additionalRegions`;
}

/** The cloud of a region this package knows; undefined for one it does not (admitted by the stack). */
export function cloudOf(region: string): Cloud | undefined {
    return byKey.get(regionKey(region))?.cloud;
}

/** Why a storage account type cannot be used in a region, or undefined. Unknown (admitted) regions are not judged. */
export function storageTypeUnavailable(storageType: string, region: string): string | undefined {
    const r = byKey.get(regionKey(region));
    if (!r) return undefined;
    const type = storageType.toLowerCase();
    // Zone-redundant storage replicates across availability zones, so a region without them has none.
    if (type === "standard_zrs" && !r.zones) return `Standard_ZRS needs availability zones, which ${r.displayName} does not have`;
    if (type === "premiumv2_lrs" && !PREMIUM_V2.has(regionKey(r.displayName))) return `PremiumV2_LRS (Premium SSD v2) is not offered in ${r.displayName}`;
    return undefined;
}

/**
 * The clouds an emulator can stand for: each has its own ARM endpoint and its own regions, so an
 * emulator serves one of them (EmulatorOptions.cloud, default the public cloud).
 */
export type Cloud = "AzureCloud" | "AzureUSGovernment";
export const CLOUDS: Cloud[] = ["AzureCloud", "AzureUSGovernment"];

/**
 * The public cloud's regions. ARM accepts a region's short name ("westus") or its display name
 * ("West US") in any case, and echoes the display name in gallery responses.
 */
const DISPLAY_NAMES = [
    "East US", "East US 2", "West US", "West US 2", "West US 3", "Central US", "North Central US",
    "South Central US", "West Central US", "Canada Central", "Canada East", "Brazil South",
    "North Europe", "West Europe", "UK South", "UK West", "France Central", "Germany West Central",
    "Switzerland North", "Norway East", "Sweden Central", "Poland Central", "Italy North",
    "East Asia", "Southeast Asia", "Japan East", "Japan West", "Korea Central", "Korea South", "Central India",
    "South India", "West India", "Australia East", "Australia Southeast", "UAE North", "South Africa North",
    "Israel Central", "Qatar Central", "Mexico Central", "Spain Central", "New Zealand North",
];

/**
 * Regions of this cloud WITHOUT availability zones. Source: Microsoft Learn "Azure regions list"
 * (MicrosoftDocs/reliability-docs articles/reliability/regions-list.md, 2025-09-23), the
 * "Availability zone support" column; every other region above has a check mark there.
 */
const WITHOUT_ZONES = [
    "West US", "North Central US", "West Central US", "Canada East", "UK West", "Korea South",
    "South India", "West India", "Australia Southeast",
];

/**
 * Regions of this cloud where Premium SSD v2 disks exist, zonal or not (direct-drive replicas,
 * `PremiumV2_LRS`, are Premium SSD v2 disks). Source: Microsoft Learn "Deploy a Premium SSD v2"
 * regional availability (MicrosoftDocs/azure-compute-docs articles/virtual-machines/includes/
 * disks-premv2-regions.md, which lists regions without zones too, e.g. West US). Not listed there,
 * hence left out: Korea South, West India, Qatar Central.
 */
const PREMIUM_V2 = [
    "East US", "East US 2", "West US", "West US 2", "West US 3", "Central US", "North Central US",
    "South Central US", "West Central US", "Canada Central", "Canada East", "Brazil South",
    "North Europe", "West Europe", "UK South", "UK West", "France Central", "Germany West Central",
    "Switzerland North", "Norway East", "Sweden Central", "Poland Central", "Italy North",
    "East Asia", "Southeast Asia", "Japan East", "Japan West", "Korea Central", "Central India",
    "South India", "Australia East", "Australia Southeast", "UAE North", "South Africa North",
    "Israel Central", "Mexico Central", "Spain Central", "New Zealand North",
];

/**
 * Azure Government's regions (Microsoft Learn, Azure.Core `AzureLocation`: USGovVirginia, USGovArizona,
 * USGovTexas, USDoDCentral, USDoDEast, "US Gov Texas" etc. as display names). Availability zones and
 * Premium SSD v2 there are not tabulated above (the regions list covers the public cloud): these
 * regions count as having neither, so Standard_ZRS and PremiumV2_LRS are refused there rather than
 * granted on no evidence.
 */
const GOVERNMENT = ["US Gov Virginia", "US Gov Arizona", "US Gov Texas", "US DoD Central", "US DoD East"];

const REGIONS: Record<Cloud, string[]> = { AzureCloud: DISPLAY_NAMES, AzureUSGovernment: GOVERNMENT };
const byKey = new Map(DISPLAY_NAMES.concat(GOVERNMENT).map((d) => [regionKey(d), d]));
const cloudByKey = new Map(CLOUDS.flatMap((c) => REGIONS[c].map((d): [string, Cloud] => [regionKey(d), c])));
const noZones = new Set(WITHOUT_ZONES.concat(GOVERNMENT).map(regionKey));
const premiumV2 = new Set(PREMIUM_V2.map(regionKey));

/** ARM's comparison key for a region: lower case, no spaces. */
export function regionKey(name: string): string {
    return name.replace(/\s+/g, "").toLowerCase();
}

/** Display name for a region of any cloud, or undefined when no cloud has such a region. */
export function displayName(name: string): string | undefined {
    return byKey.get(regionKey(name));
}

/** The cloud a region belongs to. */
export function cloudOf(name: string): Cloud | undefined {
    return cloudByKey.get(regionKey(name));
}

export function knownRegionKeys(cloud: Cloud = "AzureCloud"): string[] {
    return REGIONS[cloud].map(regionKey);
}

export function hasAvailabilityZones(name: string): boolean {
    return byKey.has(regionKey(name)) && !noZones.has(regionKey(name));
}

export function supportsPremiumV2(name: string): boolean {
    return premiumV2.has(regionKey(name));
}

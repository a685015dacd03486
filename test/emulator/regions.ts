/**
 * The regions this emulated cloud offers. ARM accepts a region's short name ("westus") or its
 * display name ("West US") in any case, and echoes the display name in gallery responses.
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

const byKey = new Map(DISPLAY_NAMES.map((d) => [regionKey(d), d]));
const noZones = new Set(WITHOUT_ZONES.map(regionKey));
const premiumV2 = new Set(PREMIUM_V2.map(regionKey));

/** ARM's comparison key for a region: lower case, no spaces. */
export function regionKey(name: string): string {
    return name.replace(/\s+/g, "").toLowerCase();
}

/** Display name for a known region, or undefined when the cloud has no such region. */
export function displayName(name: string): string | undefined {
    return byKey.get(regionKey(name));
}

export function knownRegionKeys(): string[] {
    return [...byKey.keys()];
}

export function hasAvailabilityZones(name: string): boolean {
    return byKey.has(regionKey(name)) && !noZones.has(regionKey(name));
}

export function supportsPremiumV2(name: string): boolean {
    return premiumV2.has(regionKey(name));
}

/**
 * The regions this emulated cloud offers. ARM accepts a region's short name ("westus") or its
 * display name ("West US") in any case, and echoes the display name in gallery responses.
 */
const DISPLAY_NAMES = [
    "East US", "East US 2", "West US", "West US 2", "West US 3", "Central US", "North Central US",
    "South Central US", "West Central US", "Canada Central", "Canada East", "Brazil South",
    "North Europe", "West Europe", "UK South", "UK West", "France Central", "Germany West Central",
    "Switzerland North", "Norway East", "Sweden Central", "Poland Central", "Italy North",
    "East Asia", "Southeast Asia", "Japan East", "Japan West", "Korea Central", "Central India",
    "South India", "Australia East", "Australia Southeast", "UAE North", "South Africa North",
    "Israel Central", "Qatar Central", "Mexico Central", "Spain Central", "New Zealand North",
];

const byKey = new Map(DISPLAY_NAMES.map((d) => [regionKey(d), d]));

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

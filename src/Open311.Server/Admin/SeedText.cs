namespace Open311;

// The words of seeded requests: what residents write about each demo service, Austin's streets, and
// what staff write back. Common words ("pothole", "trash") come up in thousands of requests; each of
// the rare words in about one request in ten thousand, so `q` has both to find.
static class SeedText
{
    static readonly Dictionary<string, string[]> Openers = new()
    {
        ["PWPOTHOL"] = ["Deep pothole in the right lane", "Large pothole near the crosswalk", "Several potholes after the rain",
            "Pothole keeps coming back in the same spot", "Pothole damaged my tire", "Wide pothole at the intersection"],
        ["SWSGRAFF"] = ["Graffiti sprayed on the wall", "Fresh graffiti tags on the fence", "Graffiti on the bus stop shelter",
            "Offensive graffiti on the bridge", "Graffiti painted over the street sign"],
        ["SWSMISSE"] = ["Trash was not picked up today", "Recycling cart was missed again", "Compost cart skipped this week",
            "Whole street missed on collection day", "Bulk pickup did not come"],
        ["ACLONAG"] = ["Loose dog running in the street", "Two dogs roaming the neighborhood", "Stray dog chasing kids at the bus stop",
            "Friendly dog without a collar", "Aggressive dog near the park entrance"],
        ["STREETL2"] = ["Street light is out", "Street light flickers all night", "Light stays on during the day",
            "Several street lights dark on the block", "Light pole leaning after a crash"],
        ["SWSDUMPI"] = ["Old mattress and furniture dumped in the alley", "Pile of tires dumped by the creek",
            "Construction debris dumped on the lot", "Bags of household trash left on the curb", "Broken appliances dumped behind the store"],
        ["TRASIGMA"] = ["Traffic signal is dark", "Signal stuck on red", "Signal flashing red in every direction",
            "Left turn arrow never comes on", "Signal head knocked sideways"],
        ["PWSIDEWK"] = ["Sidewalk is cracked and raised", "Tree roots lifted the sidewalk", "Missing section of sidewalk",
            "Curb ramp is broken", "Trip hazard on the sidewalk"],
        ["PRTREEIS"] = ["Large limb hanging over the street", "Tree fell across the sidewalk", "Dead tree leaning toward the house",
            "Branches blocking the stop sign", "Storm broke a big oak limb"],
        ["PRKMAINT"] = ["Restroom at the park is locked", "Playground swing is broken", "Trash cans overflowing at the park",
            "Sprinklers running all day", "Trail lights are out"],
        ["CCGRASS"] = ["Overgrown grass on the vacant lot", "Weeds taller than the fence", "Yard has not been mowed in months",
            "Tall grass blocking the view at the corner"],
        ["PARKINGV"] = ["Car blocking my driveway", "Truck parked at the fire hydrant", "Abandoned car has not moved in weeks",
            "Vehicle parked in the bike lane", "Trailer left on the street"],
        ["WWLEAK"] = ["Water leaking from the meter box", "Water bubbling up through the pavement", "Hydrant is leaking",
            "Steady stream of water running down the gutter", "Broken pipe flooding the yard"],
        ["DRCLOG"] = ["Storm drain clogged with leaves", "Drain blocked and street flooding", "Trash piled on the storm inlet",
            "Standing water over the drain after the storm"],
        ["APDNOISE"] = ["Loud music every night", "Construction noise before dawn", "Neighbor running a generator all night",
            "Barking dogs for hours", "Car alarm going off repeatedly"],
        ["SWSDEADA"] = ["Dead deer on the shoulder", "Dead raccoon in the road", "Dead cat on the sidewalk", "Dead opossum near the curb"],
    };

    static readonly string[] Details = ["", "", "", " and it is getting worse", " for over a week", " since the storm",
        " and cars swerve around it", " which is a hazard at night", " again, third time this month", " right by the school"];

    static readonly string[] Landmarks = ["", "", " near the HEB", " across from the library", " by the elementary school",
        " next to the church", " at the bus stop", " behind the apartments", " in front of the fire station", " by the greenbelt trail",
        " near the recreation center", " across from the taqueria"];

    static readonly string[] Rare = ["armadillo", "zeppelin", "kaleidoscope", "tuba", "saxophone", "flamingo", "chandelier",
        "trampoline", "gazebo", "hammock", "canoe", "periscope", "harpsichord", "xylophone", "pinata", "sombrero", "scarecrow",
        "totem", "anvil", "catapult", "igloo", "jukebox", "kayak", "lighthouse", "mannequin", "narwhal", "obelisk", "pelican",
        "quilt", "rickshaw", "sundial", "toboggan", "unicycle", "vulture", "walrus", "yurt", "zither", "bagpipes", "carousel",
        "dinghy", "easel", "fossil", "gondola", "hovercraft", "iguana", "jackalope", "kiln", "llama", "mongoose", "nutcracker"];

    // Words a rare sentence wraps around one rare word.
    static readonly string[] RareFrames = [" Someone left a {0} there too.", " There is a {0} painted nearby.", " Look for the {0} on the corner."];

    public static readonly string[] Streets = ["Congress Ave", "S Lamar Blvd", "N Lamar Blvd", "Guadalupe St", "E Riverside Dr",
        "Burnet Rd", "Airport Blvd", "E Cesar Chavez St", "W Cesar Chavez St", "E Martin Luther King Jr Blvd", "W Oltorf St",
        "Slaughter Ln", "William Cannon Dr", "W Parmer Ln", "Manor Rd", "E 7th St", "E 6th St", "W 5th St", "Barton Springs Rd",
        "S 1st St", "Pleasant Valley Rd", "Cameron Rd", "Rundberg Ln", "Anderson Ln", "Koenig Ln", "Duval St", "Red River St",
        "S Congress Ave", "Menchaca Rd", "Manchaca Rd", "Brodie Ln", "Escarpment Blvd", "Mopac Expy", "Springdale Rd",
        "Webberville Rd", "Montopolis Dr", "E Ben White Blvd", "Stassney Ln", "Far West Blvd", "Spicewood Springs Rd"];

    public static readonly string[] Zipcodes = ["78701", "78702", "78703", "78704", "78705", "78721", "78722", "78723", "78724",
        "78727", "78729", "78731", "78741", "78744", "78745", "78748", "78749", "78751", "78752", "78753", "78756", "78757", "78758", "78759"];

    public static readonly string[] FirstNames = ["Maria", "James", "Ana", "David", "Linh", "Carlos", "Sarah", "Kwame", "Priya", "Jo"];
    public static readonly string[] LastNames = ["Garcia", "Nguyen", "Smith", "Hernandez", "Johnson", "Patel", "Lee", "Martinez", "Brown", "Okafor"];

    public static readonly string[] Channels = ["open311", "open311", "iphone", "android", "web", "web", "phone"];

    public static readonly string[] PublicNotes = ["Crew scheduled", "Work order created for the crew", "Inspector visited the site",
        "Referred to the right department", "Parts ordered; repair to follow", "Crew on site today"];

    // Staff talk among themselves: never public, never searchable. "supervisor" is written nowhere else.
    public static readonly string[] PrivateNotes = ["Called the resident back, no answer", "Supervisor asked for photos before dispatch",
        "Probably a duplicate of an earlier report nearby", "Crew says the site needs a second visit; supervisor informed",
        "Resident called three times today"];

    public static readonly string[] ClosingNotes = ["Completed.", "Repaired by the crew.", "Resolved; thank you for reporting it.",
        "Inspected: no action needed.", "Duplicate of an earlier request, which is closed.", "Referred to the owner of the property."];

    public static readonly string[] Parks = ["Zilker Park", "Pease Park", "Mueller Lake Park", "Republic Square", "Butler Park", "Walnut Creek"];

    public static readonly string[] Agencies = ["Austin Transportation & Public Works", "Austin Resource Recovery", "Austin Code",
        "Austin Water", "Parks & Recreation", "Austin Animal Center"];

    public static string Description(Random random, string serviceCode, string serviceName)
    {
        var openers = Openers.GetValueOrDefault(serviceCode) ?? [$"Problem to report: {serviceName.ToLowerInvariant()}"];
        var text = Pick(random, openers) + Pick(random, Details) + Pick(random, Landmarks) + ".";
        if (random.NextDouble() < 0.005) text += string.Format(System.Globalization.CultureInfo.InvariantCulture, Pick(random, RareFrames), Pick(random, Rare));
        return text;
    }

    public static T Pick<T>(Random random, IReadOnlyList<T> items) => items[random.Next(items.Count)];
}

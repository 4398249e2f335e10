namespace Open311;

// Open311:ClientUpdates: what POST servicerequestupdates (CONTRACT §11) lets a client's comment do.
sealed class ClientUpdateOptions
{
    // A comment's status may reopen a closed request only when this is true; no other status change is made by a client.
    public bool MayReopen { get; set; }

    // Residents' comments are public notes unless this is false.
    public bool Public { get; set; } = true;
}

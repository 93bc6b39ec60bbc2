namespace Plates.Consume.Layout;

/// <summary>
/// Which kind of plate a reading is: the format of its characters (how many, in how many rows, which may stand where),
/// as GA 36 defines them. The background colour is told apart by <see cref="PlateColor"/>: a standard plate is blue
/// (small cars) or yellow (large vehicles).
/// </summary>
public enum PlateKind
{
    /// <summary>No known kind explains the plate; the reading is the best one found and is flagged unsure.</summary>
    Unknown,

    /// <summary>Province, city letter and five letters or digits in one row: blue small-car and yellow large-vehicle plates.</summary>
    Standard,

    /// <summary>Small new-energy car, gradient green: province, city letter, D or F, a letter or digit, four digits.</summary>
    NewEnergySmall,

    /// <summary>Large new-energy vehicle, yellow and green: province, city letter, five digits, D or F.</summary>
    NewEnergyLarge,

    /// <summary>Yellow rear plate of lorries and buses in two rows: province and city letter over five letters or digits.</summary>
    TwoRow,

    /// <summary>White police plate ending in a red 警.</summary>
    Police,

    /// <summary>Yellow learner plate ending in 学.</summary>
    Learner,

    /// <summary>Yellow trailer plate ending in 挂, in one row or two.</summary>
    Trailer,

    /// <summary>Black Guangdong–Hong Kong or –Macau plate: 粤Z, four letters or digits, 港 or 澳.</summary>
    HongKongMacau,

    /// <summary>Black consulate plate: province, city letter, four digits, 领.</summary>
    Consulate,

    /// <summary>Black embassy plate: 使 and six digits.</summary>
    Embassy,
}

namespace Plates.Consume;

/// <summary>Background colour of a plate, which decides how its characters are binarised.</summary>
public enum PlateColor
{
    Unknown,

    /// <summary>White characters on blue: ordinary cars.</summary>
    Blue,

    /// <summary>Black characters on yellow: large vehicles, learners.</summary>
    Yellow,

    /// <summary>Black characters on green (new-energy vehicles), or white on green.</summary>
    Green,

    /// <summary>Black or red characters on white: police, military.</summary>
    White,

    /// <summary>White characters on black: foreign-owned, Hong Kong/Macau crossings.</summary>
    Black,
}

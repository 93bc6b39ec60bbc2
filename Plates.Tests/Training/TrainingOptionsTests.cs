using Plates.Model.Features;
using Plates.Model.Labels;
using Plates.Train.Training;

namespace Plates.Tests.Training;

[TestClass]
public sealed class TrainingOptionsTests
{
    [TestMethod]
    public void For_Unset_TakesEachModelsMeasuredDefaults()
    {
        var province = new TrainingOptions().For(LabelSets.Province);
        var city = new TrainingOptions().For(LabelSets.City);
        var alnum = new TrainingOptions().For(LabelSets.Alnum);

        Assert.AreEqual(CharacterFeatureSet.Centred, province.Features);
        Assert.AreEqual(CharacterFeatureSet.Centred, city.Features);
        Assert.AreEqual(CharacterFeatureSet.Full, alnum.Features);
        Assert.AreEqual(300, province.MinimumPerClass);
        Assert.AreEqual(150, city.MinimumPerClass);
        Assert.AreEqual(150, alnum.MinimumPerClass);
    }

    [TestMethod]
    public void For_ChosenByTheUser_KeepsTheChoice()
    {
        var options = new TrainingOptions { Features = CharacterFeatureSet.Pixels, MinimumPerClass = 0 }.For(LabelSets.Province);

        Assert.AreEqual(CharacterFeatureSet.Pixels, options.Features);
        Assert.AreEqual(0, options.MinimumPerClass);
    }
}

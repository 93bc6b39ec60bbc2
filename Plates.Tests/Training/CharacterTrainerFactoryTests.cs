using Plates.Model.Labels;
using Plates.Tests.TestSupport;
using Plates.Train.Training;

namespace Plates.Tests.Training;

[TestClass]
public sealed class CharacterTrainerFactoryTests
{
    private static readonly string[] s_labels = ["A", "H", "K", "X"];

    [TestMethod]
    [DataRow(CharacterTrainer.Lbfgs)]
    [DataRow(CharacterTrainer.Sdca)]
    [DataRow(CharacterTrainer.LightGbm)]
    public void TrainingRun_EachTrainer_GivesModelThatReadsItsHeldOutClasses(CharacterTrainer trainer)
    {
        // What `train --trainer X` runs: LightGBM comes from Plates.Train's factory, the linear trainers from Plates.Model.
        using var temp = new TempFolder();
        SyntheticCharacters.Write(temp.Combine("city"), s_labels, perClass: 30);

        var outcome = TrainingRun.Run(LabelSets.City, temp.Combine("city"), temp.Combine("out"), new TrainingOptions { MinimumPerClass = 0, Trainer = trainer });

        Assert.AreEqual(trainer.ToString(), outcome.Report.Details["trainer"]);
        // Chance is 25%; the glyphs are easy.
        Assert.IsGreaterThanOrEqualTo(0.9, outcome.Report.MicroAccuracy, $"micro accuracy {outcome.Report.MicroAccuracy}");
    }
}

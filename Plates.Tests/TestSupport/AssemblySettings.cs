// Sequential on purpose: several tests redirect Console.Out, and the whole suite takes about 15 s on two cores anyway.
[assembly: DoNotParallelize]

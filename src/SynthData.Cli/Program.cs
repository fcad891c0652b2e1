Console.WriteLine("synthdata");

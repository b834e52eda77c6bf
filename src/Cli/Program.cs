Console.WriteLine("flatness");

namespace OutlookCrm.Api.Demo;

public static partial class DemoData
{
    private static readonly string[] Families = ["Menuiserie", "Quincaillerie", "Outillage", "Services", "Formation"];
    private static readonly string[] Trades = ["Menuiserie", "Boulangerie", "Garage", "Imprimerie", "Pharmacie", "Cabinet", "Hôtel", "Transports", "Atelier", "Scierie"];
    private static readonly string[] Surnames = ["Dubois", "Lefebvre", "Roux", "Fournier", "Mercier", "Blanc", "Guerin", "Muller", "Henry", "Rousseau",
        "Nicolas", "Perrin", "Morin", "Mathieu", "Clement", "Gauthier", "Dumont", "Lopez", "Fontaine", "Chevalier", "Robin", "Masson"];
    private static readonly string[] FirstNames = ["Marie", "Jean", "Pierre", "Isabelle", "Nathalie", "Philippe", "Sylvie", "Nicolas", "Claire",
        "Laurent", "Julie", "Olivier", "Sandrine", "David", "Céline", "Antoine"];
    private static readonly string[] Jobs = ["Gérant", "Directeur des achats", "Responsable technique", "Comptable", "Assistante de direction", "Chef d'atelier"];
    private static readonly (string City, string Postcode)[] IdfCities = [("Paris", "75011"), ("Versailles", "78000"), ("Créteil", "94000"), ("Nanterre", "92000"), ("Meaux", "77100")];
    private static readonly (string City, string Postcode)[] AraCities = [("Lyon", "69003"), ("Grenoble", "38000"), ("Annecy", "74000"), ("Saint-Étienne", "42000"), ("Clermont-Ferrand", "63000")];

    private static List<Company> Companies(Random rng, User[] reps, List<ProductFamily> families, DateTime now)
    {
        var list = new List<Company>();
        for (var i = 0; i < 60; i++)
        {
            var rep = reps[i % reps.Length];
            var surname = Surnames[(i * 7) % Surnames.Length];
            var name = i == 0 ? "Menuiserie Dubois" : $"{Trades[i % Trades.Length]} {surname}{(i >= Surnames.Length ? $" {i / Surnames.Length + 1}" : "")}";
            var domain = Slug(name) + ".fr";
            var (city, postcode) = (rep.Territory!.Name.StartsWith("Île") ? IdfCities : AraCities)[rng.Next(5)];
            var status = i == 0 ? CompanyStatus.Client : (rng.Next(20)) switch
            {
                < 10 => CompanyStatus.Client, < 16 => CompanyStatus.Prospect, < 18 => CompanyStatus.Suspect, 18 => CompanyStatus.Former, _ => CompanyStatus.Lost,
            };
            var lastYear = status is CompanyStatus.Client or CompanyStatus.Former ? rng.Next(20, 400) * 1000m : 0m;
            var company = new Company
            {
                Name = name, Status = status, Category = (CustomerCategory)(i % 3), AccountManagerId = rep.Id, TerritoryId = rep.TerritoryId,
                Street = $"{rng.Next(1, 120)} rue {Surnames[rng.Next(Surnames.Length)]}", PostalCode = postcode, City = city, Country = "France",
                Phone = $"+33 1 {rng.Next(10, 99)} {rng.Next(10, 99)} {rng.Next(10, 99)} {rng.Next(10, 99)}", Website = $"https://www.{domain}",
                SalesLastYear = lastYear, SalesYearToDate = status == CompanyStatus.Client ? Math.Round(lastYear * (decimal)(0.5 + rng.NextDouble()) * now.DayOfYear / 365m, 0) : 0,
                OutstandingAmount = status == CompanyStatus.Client ? rng.Next(0, 30) * 500m : 0,
                // A few records not verified for over a year, so the review queue has something to show.
                LastVerifiedAt = now.AddDays(-rng.Next(10, 600)), CreatedAt = now.AddDays(-800), Version = 1,
            };
            company.ProductFamilies.Add(new CompanyProductFamily { ProductFamilyId = families[i % families.Count].Id });
            var contactCount = i % 10 == 9 ? 0 : 2 + rng.Next(3);
            for (var k = 0; k < contactCount; k++)
            {
                var first = i == 0 && k == 0 ? "Marie" : FirstNames[rng.Next(FirstNames.Length)];
                var last = i == 0 && k == 0 ? "Dubois" : Surnames[rng.Next(Surnames.Length)];
                company.Contacts.Add(new Contact
                {
                    FirstName = first, LastName = last, JobTitle = Jobs[k % Jobs.Length], Email = $"{Slug(first)}.{Slug(last)}@{domain}",
                    Phone = company.Phone, Mobile = $"+33 6 {rng.Next(10, 99)} {rng.Next(10, 99)} {rng.Next(10, 99)} {rng.Next(10, 99)}",
                    IsPrescriber = k == 2, LastVerifiedAt = now.AddDays(-rng.Next(10, 700)), CreatedAt = now.AddDays(-800), Version = 1,
                });
            }
            list.Add(company);
        }
        return list;
    }

    private static string Slug(string s)
    {
        var normalized = s.ToLowerInvariant().Normalize(System.Text.NormalizationForm.FormD);
        var chars = normalized.Where(c => char.IsAsciiLetterOrDigit(c) || c == ' ' || c == '-').Select(c => c == ' ' ? '-' : c);
        return new string(chars.ToArray());
    }
}

using Microsoft.Playwright;

namespace Open311.Tests;

// The Spanish site end to end: the errors, the confirmation and the tracking page in Spanish, dates with Spanish
// month names; the catalog's questions stay as staff wrote them.
[Trait("Storage", "pinned")] // the site reads the same stores as the API, tested on both engines there
public class SpanishTests(Browser browser) : IClassFixture<Browser>
{
    [BrowserFact]
    public async Task AResidentReportsAndTracksInSpanish()
    {
        await using var site = new Site();
        await using var visit = await site.VisitAsync(browser.Chromium, Screen.Phone390, locale: "es-ES");
        var page = visit.Page;
        await page.GotoAsync("/");
        await visit.Role(AriaRole.Link, "Reportar un problema").First.ClickAsync();
        await page.GetByLabel("¿Cuál es el problema?").FillAsync("bache");
        await visit.Role(AriaRole.Button, "Buscar").ClickAsync();
        // Service names are the catalog's: a Spanish word finds nothing until the catalog carries translations.
        await visit.Role(AriaRole.Heading, "Ningún servicio coincide con «bache». Pruebe otra palabra o elija de la lista.").WaitForAsync();
        await visit.Role(AriaRole.Link, "Pothole Repair").ClickAsync();

        await visit.Role(AriaRole.Button, "Enviar reporte").ClickAsync();
        await visit.Role(AriaRole.Heading, "Hay un problema: corrija esto y envíe el reporte de nuevo").WaitForAsync();
        Assert.True(await page.GetByText("«About how big is the pothole?»: es obligatorio.").First.IsVisibleAsync());
        Assert.True(await page.GetByText("¿Dónde está? Escriba una dirección, elija el lugar en el mapa o dé las coordenadas.").First.IsVisibleAsync());
        await visit.CheckAsync("spanish-errors-phone");

        await page.GetByLabel("Dirección").FillAsync("Calle Congress 100");
        await page.GetByLabel("About the size of a car tire").CheckAsync();
        await page.GetByLabel("Describa el problema").FillAsync("Un bache muy hondo, señalizado con un cono");
        await visit.Role(AriaRole.Button, "Enviar reporte").ClickAsync();
        await visit.Role(AriaRole.Heading, "Reporte enviado").WaitForAsync();
        var id = await page.RequestNumberAsync();
        await visit.CheckAsync("spanish-sent-phone");

        await page.GetByRole(AriaRole.Link, new() { NameRegex = new System.Text.RegularExpressions.Regex("track") }).ClickAsync();
        await visit.Role(AriaRole.Heading, $"Solicitud {id}").WaitForAsync();
        Assert.True(await page.GetByText("Abierto", new() { Exact = true }).IsVisibleAsync());
        Assert.True(await page.GetByText("1 de noviembre de 2026, 12:00").First.IsVisibleAsync());
        Assert.True(await page.GetByText("Un bache muy hondo, señalizado con un cono").IsVisibleAsync());
        // Text, not character references: the encoder lets every Unicode range through.
        Assert.Contains("Un bache muy hondo, señalizado", await (await page.APIRequest.GetAsync($"/track/{id}")).TextAsync());
        await visit.CheckAsync("spanish-track-phone");
        Assert.Empty(visit.Foreign);
    }
}

using Microsoft.Playwright;

namespace Open311.Tests;

// The console in Spanish, as a browser set to Spanish sees it: sign in, the queue filtered by service, a request
// with a private note and an extended status, a service's questions in the catalog editor; the catalog's own words
// (service names, questions) and CatalogRules' messages stay as they are written.
[Trait("Storage", "pinned")] // the console reads the same stores as the staff API, tested on both engines there
public class ConsoleSpanishTests(Browser browser) : IClassFixture<Browser>
{
    [BrowserFact]
    public async Task StaffWorkARequestInSpanish()
    {
        await using var site = new Site();
        var (id, _, _, _) = await ConsoleRequestTests.ReportsAsync(site);
        await site.UserAsync("dana@example.gov", "Dana Whitfield", "admin");
        await using var visit = await site.VisitAsync(browser.Chromium, Screen.Phone390, locale: "es-ES");
        var page = visit.Page;
        await page.GotoAsync("/console");
        await visit.Role(AriaRole.Heading, "Iniciar sesión", exact: true).WaitForAsync();
        await page.GetByLabel("Correo electrónico").FillAsync("dana@example.gov");
        await page.GetByLabel("Contraseña", new() { Exact = true }).FillAsync(ConsoleFixtures.Password);
        await visit.Role(AriaRole.Button, "Iniciar sesión").ClickAsync();
        await visit.Role(AriaRole.Heading, "Cola de solicitudes").WaitForAsync();
        await page.GetByText("Se muestran 1–3 de 3 solicitudes").WaitForAsync();
        await page.GetByLabel("Servicio", new() { Exact = true }).SelectOptionAsync("PWPOTHOL");
        await page.GetByLabel("Estado detallado").SelectOptionAsync("submitted");
        await visit.Role(AriaRole.Button, "Aplicar filtros").ClickAsync();
        await page.GetByText("Se muestran 1–2 de 2 solicitudes").WaitForAsync();
        await visit.CheckAsync("console-spanish-queue-phone");

        await visit.Role(AriaRole.Link, id).ClickAsync();
        await visit.Role(AriaRole.Heading, $"Solicitud {id}").WaitForAsync();
        await page.GetByLabel("Nota", new() { Exact = true }).FillAsync("Llamar al vecino.");
        await visit.Role(AriaRole.Button, "Añadir nota").ClickAsync();
        await page.GetByText("Nota privada añadida.").WaitForAsync();
        await page.GetByLabel("Estado detallado").SelectOptionAsync(new SelectOptionValue { Label = "En curso" });
        await visit.Role(AriaRole.Button, "Guardar cambios").ClickAsync();
        await page.GetByText("Cambios guardados.").WaitForAsync();
        Assert.Contains("estado detallado En curso", await page.GetByRole(AriaRole.Region, new() { Name = "Historial" }).InnerTextAsync());
        await visit.CheckAsync("console-spanish-request-phone");
        var stored = (await site.Api.FetchAsync($"/open311/v2/requests/{id}.json?extensions=true")).Json[0];
        Assert.Equal("in_progress", stored.GetProperty("status_detail").GetString());

        await page.GotoAsync("/console/catalog?code=PWPOTHOL");
        await visit.Role(AriaRole.Heading, "Editar PWPOTHOL").WaitForAsync();
        Assert.True(await page.GetByRole(AriaRole.Group, new() { Name = "Pregunta 1" }).GetByLabel("Tipo de dato").IsVisibleAsync());
        await visit.CheckAsync("console-spanish-catalog-phone");
        Assert.Empty(visit.Foreign);
    }
}

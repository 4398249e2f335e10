using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace Open311.Tests;

// A pothole whose definition asks every kind of question, set through the staff API as staff would.
static class WebFixtures
{
    public const string EveryKindOfQuestion = """
        {"service_name":"Pothole Repair","group":"Streets & Transportation","keywords":"pothole, street, road",
         "description":"Report a pothole in a city street or alley.",
         "attributes":[
          {"code":"POTHINFO","datatype":"string","description":"Potholes on state highways are repaired by the state.","order":1,"variable":false},
          {"code":"POTHSIZE","datatype":"singlevaluelist","description":"About how big is the pothole?","order":2,"required":true,
           "values":[{"key":"small","name":"Smaller than a dinner plate"},{"key":"large","name":"Larger than a car tire"}]},
          {"code":"POTHHAZ","datatype":"multivaluelist","description":"What makes it dangerous?","order":3,"required":true,
           "values":[{"key":"bikes","name":"Cyclists swerve around it"},{"key":"water","name":"It fills with water"},{"key":"night","name":"It is hard to see at night"}]},
          {"code":"POTHLANE","datatype":"string","description":"Which lane is it in?","order":4},
          {"code":"POTHDEEP","datatype":"number","description":"About how deep is it, in inches?","order":5},
          {"code":"POTHSEEN","datatype":"datetime","description":"When did you first see it?","order":6,"required":true},
          {"code":"POTHMORE","datatype":"text","description":"Anything else the crew should know?","order":7}]}
        """;

    public static async Task<string> EveryKindOfPotholeAsync(this Site site)
    {
        var staff = await site.App.KeyAsync("staff");
        var put = await site.Api.StaffAsync(HttpMethod.Put, "/api/v1/services/PWPOTHOL", staff, EveryKindOfQuestion);
        Assert.True(put.Status == System.Net.HttpStatusCode.OK, put.Body);
        return staff;
    }

    public static ILocator Group(this IPage page, string name) => page.GetByRole(AriaRole.Group, new() { Name = name });

    public static async Task<string> RequestNumberAsync(this IPage page)
    {
        var number = page.GetByText(new Regex(@"^\d\d-\d{8}$"));
        await number.WaitForAsync();
        return (await number.InnerTextAsync()).Trim();
    }

    // How many requests the API knows of, whoever made them.
    public static async Task<int> CountAsync(this Site site) =>
        (await site.Api.FetchAsync("/open311/v2/requests.json?per_page=100")).Json.GetArrayLength();
}

using System.Net;
using System.Net.Sockets;

namespace Open311.Tests;

// A loopback port that forwards to another until it is cut: the storage server "goes away" for a test
// without stopping the one the other tests share.
sealed class TcpRelay : IDisposable
{
    readonly TcpListener listener = new(IPAddress.Loopback, 0);
    readonly List<TcpClient> open = [];
    readonly int target;

    public TcpRelay(int target)
    {
        this.target = target;
        listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                var inbound = await listener.AcceptTcpClientAsync();
                var outbound = new TcpClient();
                await outbound.ConnectAsync(IPAddress.Loopback, target);
                lock (open) open.AddRange([inbound, outbound]);
                _ = PumpAsync(inbound, outbound);
                _ = PumpAsync(outbound, inbound);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
    }

    static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try { await from.GetStream().CopyToAsync(to.GetStream()); }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException) { }
        to.Close();
    }

    // New connections are refused and the open ones drop, as when the server's host goes down.
    public void Cut()
    {
        listener.Stop();
        lock (open) foreach (var client in open) client.Close();
    }

    public void Dispose() => Cut();
}

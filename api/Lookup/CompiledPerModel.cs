using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using OutlookCrm.Api.Data;

namespace OutlookCrm.Api.Lookup;

// A query compiled once (EF.CompileAsyncQuery) serves one model only: one per provider's context, as the tests run
// several providers in one process. TQuery is the compiled delegate.
internal sealed class CompiledPerModel<TQuery>(Func<TQuery> compile) where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> compiled = new();

    public TQuery For(CrmDbContext db) => compiled.GetOrAdd(db.Model, _ => compile());
}

using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace OutlookCrm.SyncWorker.Options;

// ValidateDataAnnotations lives in a package the registry here lacks; the same check with the BCL's Validator.
public static class OptionsValidation
{
    public static OptionsBuilder<T> ValidateAnnotations<T>(this OptionsBuilder<T> builder) where T : class =>
        builder.Validate(o =>
        {
            var errors = new List<ValidationResult>();
            if (Validator.TryValidateObject(o, new ValidationContext(o), errors, validateAllProperties: true)) return true;
            throw new OptionsValidationException(typeof(T).Name, typeof(T), errors.Select(e => $"{typeof(T).Name}: {e.ErrorMessage}"));
        });
}

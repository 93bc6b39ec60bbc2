using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Plates.Service.Http;

/// <summary>Describes POST /v1/plates's body in the OpenAPI document, which the endpoint reads itself (within the size
/// limit, after its permit) and so cannot declare as a bound parameter: an image, or a form with the field 'image'.</summary>
internal sealed class ImageRequestBodyTransformer : IOpenApiOperationTransformer
{
    private static readonly string[] s_imageTypes = ["image/jpeg", "image/png", "image/bmp", "image/tiff", "image/webp"];

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.Description.RelativePath?.TrimStart('/') != PlatesEndpoint.Route.TrimStart('/')) return Task.CompletedTask;
        var content = new Dictionary<string, OpenApiMediaType>();
        foreach (string type in s_imageTypes) content[type] = new OpenApiMediaType { Schema = Binary() };
        content["multipart/form-data"] = new OpenApiMediaType
        {
            Schema = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Required = new HashSet<string> { ImageUpload.FieldName },
                Properties = new Dictionary<string, IOpenApiSchema> { [ImageUpload.FieldName] = Binary() },
            },
        };
        operation.RequestBody = new OpenApiRequestBody { Required = true, Description = "The encoded image, or a form with it in the field 'image'.", Content = content };
        return Task.CompletedTask;
    }

    private static OpenApiSchema Binary() => new() { Type = JsonSchemaType.String, Format = "binary" };
}
